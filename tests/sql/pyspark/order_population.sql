WITH `t5` AS (
  SELECT
    `t4`.`order_id`,
    `t2`.`person_id`,
    `t4`.`ordered_at`,
    `t4`.`total`,
    LN(`t4`.`total` + 1.0) AS `x`,
    CAST(CAST(FLOOR((
      EXTRACT(hour FROM `t4`.`ordered_at`)
    ) / (
      4
    )) AS BIGINT) * 4 AS STRING) AS `hour`,
    COALESCE(`t4`.`channel`, 'unknown') AS `channel`,
    `t4`.`store_id` AS `store`
  FROM (
    SELECT
      `t0`.`order_id`,
      `t0`.`contact_id`,
      `t0`.`user_id`,
      `t0`.`email`,
      `t0`.`loyalty_id`,
      `t0`.`ordered_at`,
      `t0`.`channel`,
      `t0`.`store_id`,
      `t0`.`total`,
      `t0`.`discount`,
      `t0`.`coupon_code`,
      `t0`.`minutes_in_store`,
      `t0`.`source`,
      CONCAT('orders:', `t0`.`order_id`) AS `record`
    FROM `orders` AS `t0`
  ) AS `t4`
  INNER JOIN `identity_records` AS `t2`
    ON `t4`.`record` = `t2`.`record`
), `t12` AS (
  SELECT
    `t7`.`hour` AS `value`,
    COUNT(*) AS `k`
  FROM (
    SELECT
      *
    FROM `t5` AS `t6`
    WHERE
      `t6`.`hour` IS NOT NULL
  ) AS `t7`
  GROUP BY
    1
), `t13` AS (
  SELECT
    `t8`.`channel` AS `value`,
    COUNT(*) AS `k`
  FROM (
    SELECT
      *
    FROM `t5` AS `t6`
    WHERE
      `t6`.`channel` IS NOT NULL
  ) AS `t8`
  GROUP BY
    1
), `t14` AS (
  SELECT
    `t9`.`store` AS `value`,
    COUNT(*) AS `k`
  FROM (
    SELECT
      *
    FROM `t5` AS `t6`
    WHERE
      `t6`.`store` IS NOT NULL
  ) AS `t9`
  GROUP BY
    1
)
SELECT
  `t27`.`dim`,
  `t27`.`value`,
  `t27`.`pop`,
  `t31`.`m0`,
  `t31`.`vw`
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t17`.`value`,
      'store' AS `dim`,
      `t17`.`k` / (
        SELECT
          SUM(`t17`.`k`) AS `Sum(k)`
        FROM `t14` AS `t17`
      ) AS `pop`
    FROM `t14` AS `t17`
  ) AS `t24`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t15`.`value`,
        'hour' AS `dim`,
        `t15`.`k` / (
          SELECT
            SUM(`t15`.`k`) AS `Sum(k)`
          FROM `t12` AS `t15`
        ) AS `pop`
      FROM `t12` AS `t15`
    ) AS `t22`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        `t16`.`value`,
        'channel' AS `dim`,
        `t16`.`k` / (
          SELECT
            SUM(`t16`.`k`) AS `Sum(k)`
          FROM `t13` AS `t16`
        ) AS `pop`
      FROM `t13` AS `t16`
    ) AS `t23`
  ) AS `t25`
) AS `t27`
CROSS JOIN (
  SELECT
    AVG(`t29`.`x`) AS `m0`,
    SUM(`t29`.`_ss`) / NULLIF(SUM(IF((
      `t29`.`n` - 1
    ) IS NULL, `t29`.`n` - 1, GREATEST(0, `t29`.`n` - 1))), 0) AS `vw`
  FROM (
    SELECT
      `t28`.`order_id`,
      `t28`.`person_id`,
      `t28`.`ordered_at`,
      `t28`.`total`,
      `t28`.`x`,
      `t28`.`hour`,
      `t28`.`channel`,
      `t28`.`store`,
      `t28`.`n`,
      `t28`.`_s1`,
      `t28`.`_s2`,
      `t28`.`_ss`
    FROM (
      SELECT
        `t18`.`order_id`,
        `t18`.`person_id`,
        `t18`.`ordered_at`,
        `t18`.`total`,
        `t18`.`x`,
        `t18`.`hour`,
        `t18`.`channel`,
        `t18`.`store`,
        `t18`.`_c`,
        `t18`.`_t1`,
        `t18`.`_t2`,
        CAST(`t18`.`_c` - 1 AS DOUBLE) AS `n`,
        `t18`.`_t1` - `t18`.`x` AS `_s1`,
        `t18`.`_t2` - (
          `t18`.`x` * `t18`.`x`
        ) AS `_s2`,
        (
          `t18`.`_t2` - (
            `t18`.`x` * `t18`.`x`
          )
        ) - (
          (
            (
              `t18`.`_t1` - `t18`.`x`
            ) * (
              `t18`.`_t1` - `t18`.`x`
            )
          ) / (
            CAST(`t18`.`_c` - 1 AS DOUBLE) + 1e-09
          )
        ) AS `_ss`
      FROM (
        SELECT
          `t4`.`order_id`,
          `t2`.`person_id`,
          `t4`.`ordered_at`,
          `t4`.`total`,
          LN(`t4`.`total` + 1.0) AS `x`,
          CAST(CAST(FLOOR((
            EXTRACT(hour FROM `t4`.`ordered_at`)
          ) / (
            4
          )) AS BIGINT) * 4 AS STRING) AS `hour`,
          COALESCE(`t4`.`channel`, 'unknown') AS `channel`,
          `t4`.`store_id` AS `store`,
          `t11`.`_c`,
          `t11`.`_t1`,
          `t11`.`_t2`
        FROM (
          SELECT
            `t0`.`order_id`,
            `t0`.`contact_id`,
            `t0`.`user_id`,
            `t0`.`email`,
            `t0`.`loyalty_id`,
            `t0`.`ordered_at`,
            `t0`.`channel`,
            `t0`.`store_id`,
            `t0`.`total`,
            `t0`.`discount`,
            `t0`.`coupon_code`,
            `t0`.`minutes_in_store`,
            `t0`.`source`,
            CONCAT('orders:', `t0`.`order_id`) AS `record`
          FROM `orders` AS `t0`
        ) AS `t4`
        INNER JOIN `identity_records` AS `t2`
          ON `t4`.`record` = `t2`.`record`
        INNER JOIN (
          SELECT
            `t6`.`person_id`,
            COUNT(*) AS `_c`,
            SUM(`t6`.`x`) AS `_t1`,
            SUM(`t6`.`x` * `t6`.`x`) AS `_t2`
          FROM `t5` AS `t6`
          GROUP BY
            1
        ) AS `t11`
          ON `t2`.`person_id` = `t11`.`person_id`
      ) AS `t18`
    ) AS `t28`
  ) AS `t29`
) AS `t31`
