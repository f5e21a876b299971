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
)
SELECT
  *
FROM (
  SELECT
    `t22`.`person_id`,
    `t22`.`n`,
    `t22`.`s1`,
    `t22`.`s2`,
    `t22`.`dims`
  FROM (
    SELECT
      `t11`.`person_id`,
      `t11`.`n`,
      `t11`.`s1`,
      `t11`.`s2`,
      `t21`.`person_id` AS `person_id_right`,
      `t21`.`dims`
    FROM (
      SELECT
        `t6`.`person_id`,
        COUNT(*) AS `n`,
        SUM(`t6`.`x`) AS `s1`,
        SUM(`t6`.`x` * `t6`.`x`) AS `s2`
      FROM `t5` AS `t6`
      GROUP BY
        1
    ) AS `t11`
    LEFT OUTER JOIN (
      SELECT
        `t19`.`person_id`,
        COLLECT_LIST(STRUCT(`t19`.`dim` AS `dim`, `t19`.`value` AS `value`, `t19`.`k` AS `k`)) AS `dims`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t14`.`person_id`,
            `t14`.`value`,
            `t14`.`k`,
            'store' AS `dim`
          FROM (
            SELECT
              `t9`.`person_id`,
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
              1,
              2
          ) AS `t14`
        ) AS `t17`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t12`.`person_id`,
              `t12`.`value`,
              `t12`.`k`,
              'hour' AS `dim`
            FROM (
              SELECT
                `t7`.`person_id`,
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
                1,
                2
            ) AS `t12`
          ) AS `t15`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              `t13`.`person_id`,
              `t13`.`value`,
              `t13`.`k`,
              'channel' AS `dim`
            FROM (
              SELECT
                `t8`.`person_id`,
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
                1,
                2
            ) AS `t13`
          ) AS `t16`
        ) AS `t18`
      ) AS `t19`
      GROUP BY
        1
    ) AS `t21`
      ON `t11`.`person_id` = `t21`.`person_id`
  ) AS `t22`
) AS `t23`
