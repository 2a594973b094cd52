-- rollup_sum adds the BIGINT cells of the report rollups in BIGINT. The built-in
-- SUM(bigint) accumulates in numeric and returns numeric, and over the 31 metric
-- columns a report sums it took about twice as long (a year's month rows of the
-- 100,000-dossier benchmark province: 20.6 ms with SUM, 8.4 ms with this). int8pl is
-- the bigint + operator: an overflow fails the query ("bigint out of range") instead
-- of returning a sum no int64 can hold. Like SUM, it is NULL over no rows.
CREATE AGGREGATE rollup_sum(BIGINT) (
    SFUNC = int8pl,
    STYPE = BIGINT,
    COMBINEFUNC = int8pl,
    PARALLEL = SAFE
);
