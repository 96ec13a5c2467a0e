-- The Kolada OU id of an organisation node (a särskilt boende, a hemtjänstgrupp), for unit-level values.
ALTER TABLE org_units ADD COLUMN kolada_ou TEXT;
