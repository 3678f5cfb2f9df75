-- Titles outside the notes that fans ask about (the cast's and crew's other films, shows and books), from the data
-- file's [outside] table. They are never facts: /ask recognises them to say plainly that a question about one is
-- outside what it knows, instead of offering a fact of ours about a name the question shares with it.
CREATE TABLE outside_works (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL UNIQUE
);
