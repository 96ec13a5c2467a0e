-- Utredningstid: days from applied to decided per service, over decisions with both days and decided in the
-- range; mean and median (an even count: the mean of the middle two). A missing day is not a 0.
-- As crates/styr-measures/src/kernels/lead_times.rs.
SELECT service, COUNT(*) AS decisions, AVG(days) AS mean_days, median(days) AS median_days
FROM (
    SELECT service, @DAY_NUMBER(decided) - @DAY_NUMBER(applied) AS days
    FROM decisions
    WHERE applied IS NOT NULL AND decided IS NOT NULL AND decided BETWEEN {from} AND {to}
) lead
GROUP BY service
