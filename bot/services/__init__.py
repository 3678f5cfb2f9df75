"""Plain async services: knowledge and answering, countdown and scheduling. Nothing here knows Discord."""
