-- Timanställdas andel: worked hours of staff with employment = 'hourly' / all worked hours, per
-- month with worked hours, and accumulated year to date (from 1 January or {from}, whichever is
-- later) for every month of the range with worked hours so far that year.
-- As crates/styr-measures/src/kernels/staffing.rs.
WITH calendar AS (
    SELECT day, year(day) * 100 + month(day) AS month FROM (@DAYS_TABLE({from}, {to})) days
),
per_month AS (
    SELECT year(t.date) * 100 + month(t.date) AS month, SUM(t.hours) AS worked_hours,
           SUM(CASE WHEN s.employment = 'hourly' THEN t.hours ELSE 0 END) AS hourly_worked_hours
    FROM time_reports t
    JOIN staff s ON s.staff_id = t.staff_id
    WHERE t.kind = 'worked' AND t.date BETWEEN {from} AND {to}
    GROUP BY year(t.date) * 100 + month(t.date)
),
spans AS (
    SELECT month, 'month' AS span, worked_hours, hourly_worked_hours FROM per_month
    UNION ALL
    SELECT a.month, 'ytd' AS span, SUM(b.worked_hours), SUM(b.hourly_worked_hours)
    FROM (SELECT DISTINCT month FROM calendar) a
    JOIN per_month b ON b.month >= a.month - a.month % 100 AND b.month <= a.month
    GROUP BY a.month
)
SELECT month, span, worked_hours, hourly_worked_hours,
       CASE WHEN worked_hours > 0 THEN hourly_worked_hours / worked_hours END AS share
FROM spans
