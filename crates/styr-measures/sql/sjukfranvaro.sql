-- Sjukfrånvaro: sick hours / (worked + sick hours) per month and year to date, by gender (K, M,
-- 'unknown', 'all') crossed with age band ('-29', '30-49', '50-' by the age reached in the year,
-- 'unknown', 'all'), with the sick hours split by the day of the sick spell they fall on (1–14,
-- 15–59, 60–). A spell: sick days of one person at most six days apart (five days between), formed
-- over the whole export; day n counts calendar days from its first day.
-- As crates/styr-measures/src/kernels/staffing.rs.
WITH calendar AS (
    SELECT day, year(day) * 100 + month(day) AS month FROM (@DAYS_TABLE({from}, {to})) days
),
sick_days AS (
    SELECT staff_id, date, @DAY_NUMBER(date) AS dn FROM time_reports WHERE kind = 'sick' GROUP BY staff_id, date
),
marked AS (
    SELECT staff_id, date, dn,
           CASE WHEN dn - LAG(dn) OVER (PARTITION BY staff_id ORDER BY dn) <= 6 THEN 0 ELSE 1 END AS new_spell
    FROM sick_days
),
spells AS (
    SELECT staff_id, date, dn,
           SUM(new_spell) OVER (PARTITION BY staff_id ORDER BY dn ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS spell
    FROM marked
),
spell_days AS (
    SELECT staff_id, date, dn - MIN(dn) OVER (PARTITION BY staff_id, spell) + 1 AS day_of_spell FROM spells
),
reports AS (
    SELECT year(t.date) * 100 + month(t.date) AS month,
           COALESCE(s.gender, 'unknown') AS gender,
           CASE WHEN s.birth_year IS NULL THEN 'unknown'
                WHEN year(t.date) - s.birth_year <= 29 THEN '-29'
                WHEN year(t.date) - s.birth_year <= 49 THEN '30-49'
                ELSE '50-' END AS age_band,
           t.hours,
           CASE WHEN t.kind = 'sick' THEN t.hours ELSE 0 END AS sick,
           CASE WHEN t.kind = 'sick' AND d.day_of_spell <= 14 THEN t.hours ELSE 0 END AS sick_1_14,
           CASE WHEN t.kind = 'sick' AND d.day_of_spell BETWEEN 15 AND 59 THEN t.hours ELSE 0 END AS sick_15_59,
           CASE WHEN t.kind = 'sick' AND d.day_of_spell >= 60 THEN t.hours ELSE 0 END AS sick_60_
    FROM time_reports t
    JOIN staff s ON s.staff_id = t.staff_id
    LEFT JOIN spell_days d ON d.staff_id = t.staff_id AND d.date = t.date AND t.kind = 'sick'
    WHERE t.date BETWEEN {from} AND {to}
),
cells AS (
    SELECT month, gender, age_band, SUM(hours) AS hours, SUM(sick) AS sick,
           SUM(sick_1_14) AS sick_1_14, SUM(sick_15_59) AS sick_15_59, SUM(sick_60_) AS sick_60_
    FROM reports
    GROUP BY month, gender, age_band
),
spans AS (
    SELECT month, 'month' AS span, gender, age_band, hours, sick, sick_1_14, sick_15_59, sick_60_ FROM cells
    UNION ALL
    SELECT a.month, 'ytd' AS span, c.gender, c.age_band, c.hours, c.sick, c.sick_1_14, c.sick_15_59, c.sick_60_
    FROM (SELECT DISTINCT month FROM calendar) a
    JOIN cells c ON c.month >= a.month - a.month % 100 AND c.month <= a.month
)
SELECT month, span, COALESCE(gender, 'all') AS gender, COALESCE(age_band, 'all') AS age_band,
       SUM(hours) AS hours, SUM(sick) AS sick_hours, SUM(sick_1_14) AS sick_hours_day_1_14,
       SUM(sick_15_59) AS sick_hours_day_15_59, SUM(sick_60_) AS sick_hours_day_60_,
       CASE WHEN SUM(hours) > 0 THEN SUM(sick) / SUM(hours) END AS rate
FROM spans
GROUP BY GROUPING SETS ((month, span, gender, age_band), (month, span, gender), (month, span, age_band), (month, span))
