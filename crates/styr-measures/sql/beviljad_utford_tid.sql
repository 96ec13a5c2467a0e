-- Beviljad vs utförd tid per month, unit and client: granted hours of hemtjänst decisions
-- (granted_hours_month × days applying in the month and range / days in the month; valid_from
-- defaults to decided, valid_to to the range's end) against performed hours (end − start of each
-- visit starting in the range, in the month it started; a visit without an end is counted in
-- visits_without_end, not timed). granted_hours is NULL where no decision grants hours.
-- As crates/styr-measures/src/kernels/granted.rs.
WITH calendar AS (
    SELECT day, year(day) * 100 + month(day) AS month FROM (@DAYS_TABLE({from}, {to})) days
),
months AS (
    SELECT month, MIN(day) AS first_day, MAX(day) AS last_day, dayofmonth(last_day(MIN(day))) AS days_in_month
    FROM calendar GROUP BY month
),
performed AS (
    SELECT year(start) * 100 + month(start) AS month, unit_id, client_id,
           SUM(CASE WHEN "end" IS NULL THEN 0 ELSE @EPOCH_SECONDS("end") - @EPOCH_SECONDS(start) END) / CAST(3600 AS DOUBLE) AS performed_hours,
           SUM(CASE WHEN "end" IS NULL THEN 1 ELSE 0 END) AS visits_without_end
    FROM visits
    WHERE CAST(start AS DATE) BETWEEN {from} AND {to}
    GROUP BY year(start) * 100 + month(start), unit_id, client_id
),
applying AS (
    SELECT unit_id, client_id, granted_hours_month,
           GREATEST(COALESCE(valid_from, decided), {from}) AS first_day,
           LEAST(COALESCE(valid_to, {to}), {to}) AS last_day
    FROM decisions
    WHERE service = 'hemtjanst' AND granted_hours_month IS NOT NULL
),
granted AS (
    SELECT m.month, a.unit_id, a.client_id,
           SUM(a.granted_hours_month
               * (@DAY_NUMBER(LEAST(a.last_day, m.last_day)) - @DAY_NUMBER(GREATEST(a.first_day, m.first_day)) + 1)
               / m.days_in_month) AS granted_hours
    FROM applying a
    JOIN months m ON m.first_day <= a.last_day AND m.last_day >= a.first_day
    WHERE a.first_day <= a.last_day
    GROUP BY m.month, a.unit_id, a.client_id
)
SELECT month, unit_id, client_id, SUM(granted_hours) AS granted_hours,
       SUM(performed_hours) AS performed_hours, SUM(visits_without_end) AS visits_without_end
FROM (
    SELECT month, unit_id, client_id, granted_hours, CAST(0 AS DOUBLE) AS performed_hours, 0 AS visits_without_end FROM granted
    UNION ALL
    SELECT month, unit_id, client_id, CAST(NULL AS DOUBLE), performed_hours, visits_without_end FROM performed
) rows_of_both
GROUP BY month, unit_id, client_id
