-- Verkstallighetstid: days from decided to executed per service, over decisions with both days and executed in the
-- range; mean and median (an even count: the mean of the middle two). A missing day is not a 0.
-- As crates/styr-measures/src/kernels/lead_times.rs.
SELECT service, COUNT(*) AS decisions, AVG(days) AS mean_days, median(days) AS median_days
FROM (
    SELECT service, @DAY_NUMBER(executed) - @DAY_NUMBER(decided) AS days
    FROM decisions
    WHERE decided IS NOT NULL AND executed IS NOT NULL AND executed BETWEEN {from} AND {to}
) lead
GROUP BY service
