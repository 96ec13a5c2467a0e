-- Decisions not executed within three months (IVO's limit): the limit (decided + 3 months, the
-- day clamped to the month's end) fell before {to}, the decision was not executed by the limit, and
-- not executed before {from}; days run to the execution or, if none, to {to}.
-- As crates/styr-measures/src/kernels/lead_times.rs.
SELECT decision_id, client_id, service, decided, executed,
       @DAY_NUMBER(COALESCE(executed, {to})) - @DAY_NUMBER(decided) AS days
FROM decisions
WHERE @ADD_MONTHS(decided, 3) < {to}
  AND (executed IS NULL OR executed > @ADD_MONTHS(decided, 3))
  AND (executed IS NULL OR executed >= {from})
