-- Vantetid: days from applied to offered per service, over decisions with both days and offered in the
-- range; mean and median (an even count: the mean of the middle two). A missing day is not a 0.
-- As crates/styr-measures/src/kernels/lead_times.rs.
SELECT service, COUNT(*) AS decisions, AVG(days) AS mean_days, median(days) AS median_days
FROM (
    SELECT service, @DAY_NUMBER(offered) - @DAY_NUMBER(applied) AS days
    FROM decisions
    WHERE applied IS NOT NULL AND offered IS NOT NULL AND offered BETWEEN {from} AND {to}
) lead
GROUP BY service
