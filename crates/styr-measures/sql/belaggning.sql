-- Beläggning per boende and month: occupied nights (move-in night to the night before move-out; a
-- stay without move-out goes on; overlapping stays of one client in one boende count each night
-- once; nights in the range only) against places × nights of the month in the range.
-- As crates/styr-measures/src/kernels/occupancy.rs.
WITH calendar AS (
    SELECT day, year(day) * 100 + month(day) AS month FROM (@DAYS_TABLE({from}, {to})) days
),
nights AS (
    SELECT DISTINCT s.boende_id, s.client_id, c.day, c.month
    FROM stays s
    JOIN calendar c ON c.day >= s.move_in AND (s.move_out IS NULL OR c.day < s.move_out)
),
occupied AS (
    SELECT boende_id, month, COUNT(*) AS nights FROM nights GROUP BY boende_id, month
),
placed AS (
    SELECT p.boende_id, m.month, p.places * m.days AS place_nights
    FROM places p
    CROSS JOIN (SELECT month, COUNT(*) AS days FROM calendar GROUP BY month) m
)
SELECT COALESCE(o.boende_id, p.boende_id) AS boende_id, COALESCE(o.month, p.month) AS month,
       COALESCE(o.nights, 0) AS occupied_nights, p.place_nights,
       CASE WHEN p.place_nights > 0 THEN COALESCE(o.nights, 0) / CAST(p.place_nights AS DOUBLE) END AS occupancy
FROM occupied o
FULL OUTER JOIN placed p ON o.boende_id = p.boende_id AND o.month = p.month
