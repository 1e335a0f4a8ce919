-- Ward scope (SQLite). Staff work for their own ward office; city-wide work (every ward's reports, tickets and
-- counters, the register import, registration letters, the whole city's statistics) needs this permission, which
-- an administrator grants or removes per staff account (audited). Only staff hold it: administrators work city-wide
-- by their role.
ALTER TABLE UserAccount ADD COLUMN CityWide INTEGER NOT NULL DEFAULT 0 CHECK (CityWide = 0 OR (CityWide = 1 AND Role = 'Staff'));
