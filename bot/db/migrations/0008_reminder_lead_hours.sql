-- A fan's reminder may come a number of hours before an exact release time (for now: 1 hour), instead of or as
-- well as whole days before (milestone_days). NULL: no hour lead.
ALTER TABLE announcement_reminders ADD COLUMN lead_hours INTEGER CHECK (lead_hours IS NULL OR lead_hours > 0);
