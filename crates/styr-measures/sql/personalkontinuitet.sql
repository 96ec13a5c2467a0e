-- Personalkontinuitet: distinct staff per client and whole window of {window_days} days from
-- {from}, for clients with a visit starting in the morning interval and one in the evening
-- interval on at least {min_days} days of the window; per unit (the unit with most of the client's
-- visits in the window, a tie to the lower unit id) and in total (unit_id NULL).
-- As crates/styr-measures/src/kernels/continuity.rs.
WITH v AS (
    SELECT client_id, unit_id, staff_id,
           @DAY_NUMBER(start) - @DAY_NUMBER({from}) AS dd,
           hour(start) * 60 + minute(start) AS minute_of_day
    FROM visits
),
w AS (
    SELECT client_id, unit_id, staff_id, minute_of_day,
           CAST(floor(dd / {window_days}) AS BIGINT) AS window_no,
           dd % {window_days} AS day_in_window
    FROM v
    WHERE dd >= 0
      AND dd < CAST(floor((@DAY_NUMBER({to}) - @DAY_NUMBER({from}) + 1) / {window_days}) AS BIGINT) * {window_days}
),
days AS (
    SELECT client_id, window_no, day_in_window,
           MAX(CASE WHEN minute_of_day >= {morning_from} AND minute_of_day < {morning_to} THEN 1 ELSE 0 END)
         * MAX(CASE WHEN minute_of_day >= {evening_from} AND minute_of_day < {evening_to} THEN 1 ELSE 0 END) AS both_intervals
    FROM w
    GROUP BY client_id, window_no, day_in_window
),
qualified AS (
    SELECT client_id, window_no FROM days GROUP BY client_id, window_no HAVING SUM(both_intervals) >= {min_days}
),
staff_counts AS (
    SELECT client_id, window_no, COUNT(DISTINCT staff_id) AS staff FROM w GROUP BY client_id, window_no
),
unit_visits AS (
    SELECT client_id, window_no, unit_id, COUNT(*) AS n FROM w GROUP BY client_id, window_no, unit_id
),
main_unit AS (
    SELECT client_id, window_no, unit_id
    FROM (SELECT client_id, window_no, unit_id,
                 ROW_NUMBER() OVER (PARTITION BY client_id, window_no ORDER BY n DESC, unit_id ASC) AS rn
          FROM unit_visits) ranked
    WHERE rn = 1
),
client_windows AS (
    SELECT q.client_id, q.window_no, u.unit_id, s.staff
    FROM qualified q
    JOIN staff_counts s ON s.client_id = q.client_id AND s.window_no = q.window_no
    JOIN main_unit u ON u.client_id = q.client_id AND u.window_no = q.window_no
)
SELECT unit_id, COUNT(*) AS client_windows, AVG(staff) AS mean_staff,
       AVG(CASE WHEN staff > 15 THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END) AS share_over_15,
       AVG(CASE WHEN staff > 20 THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END) AS share_over_20
FROM client_windows
GROUP BY unit_id
UNION ALL
SELECT NULL AS unit_id, COUNT(*), AVG(staff),
       AVG(CASE WHEN staff > 15 THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END),
       AVG(CASE WHEN staff > 20 THEN CAST(1 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END)
FROM client_windows
HAVING COUNT(*) > 0
