WITH `t14` AS (
  SELECT
    `t11`.`order_id`,
    `t11`.`person_id`,
    `t11`.`ordered_at`,
    `t11`.`total`,
    `t11`.`x`,
    `t11`.`hour`,
    `t11`.`channel`,
    `t11`.`store`,
    `t11`.`n`,
    `t11`.`_s1`,
    `t11`.`_s2`,
    `t11`.`_ss`,
    `t13`.`m0`,
    `t13`.`vw`
  FROM (
    SELECT
      `t9`.`order_id`,
      `t9`.`person_id`,
      `t9`.`ordered_at`,
      `t9`.`total`,
      `t9`.`x`,
      `t9`.`hour`,
      `t9`.`channel`,
      `t9`.`store`,
      `t9`.`n`,
      `t9`.`_s1`,
      `t9`.`_s2`,
      `t9`.`_ss`
    FROM (
      SELECT
        `t8`.`order_id`,
        `t8`.`person_id`,
        `t8`.`ordered_at`,
        `t8`.`total`,
        `t8`.`x`,
        `t8`.`hour`,
        `t8`.`channel`,
        `t8`.`store`,
        `t8`.`_c`,
        `t8`.`_t1`,
        `t8`.`_t2`,
        CAST(`t8`.`_c` - 1 AS DOUBLE) AS `n`,
        `t8`.`_t1` - `t8`.`x` AS `_s1`,
        `t8`.`_t2` - (
          `t8`.`x` * `t8`.`x`
        ) AS `_s2`,
        (
          `t8`.`_t2` - (
            `t8`.`x` * `t8`.`x`
          )
        ) - (
          (
            (
              `t8`.`_t1` - `t8`.`x`
            ) * (
              `t8`.`_t1` - `t8`.`x`
            )
          ) / (
            CAST(`t8`.`_c` - 1 AS DOUBLE) + 1e-09
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
          `t7`.`_c`,
          `t7`.`_t1`,
          `t7`.`_t2`
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
            `t5`.`person_id`,
            COUNT(*) AS `_c`,
            SUM(`t5`.`x`) AS `_t1`,
            SUM(`t5`.`x` * `t5`.`x`) AS `_t2`
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
          ) AS `t5`
          GROUP BY
            1
        ) AS `t7`
          ON `t2`.`person_id` = `t7`.`person_id`
      ) AS `t8`
    ) AS `t9`
  ) AS `t11`
  CROSS JOIN (
    SELECT
      AVG(`t10`.`x`) AS `m0`,
      SUM(`t10`.`_ss`) / NULLIF(SUM(IF((
        `t10`.`n` - 1
      ) IS NULL, `t10`.`n` - 1, GREATEST(0, `t10`.`n` - 1))), 0) AS `vw`
    FROM (
      SELECT
        `t9`.`order_id`,
        `t9`.`person_id`,
        `t9`.`ordered_at`,
        `t9`.`total`,
        `t9`.`x`,
        `t9`.`hour`,
        `t9`.`channel`,
        `t9`.`store`,
        `t9`.`n`,
        `t9`.`_s1`,
        `t9`.`_s2`,
        `t9`.`_ss`
      FROM (
        SELECT
          `t8`.`order_id`,
          `t8`.`person_id`,
          `t8`.`ordered_at`,
          `t8`.`total`,
          `t8`.`x`,
          `t8`.`hour`,
          `t8`.`channel`,
          `t8`.`store`,
          `t8`.`_c`,
          `t8`.`_t1`,
          `t8`.`_t2`,
          CAST(`t8`.`_c` - 1 AS DOUBLE) AS `n`,
          `t8`.`_t1` - `t8`.`x` AS `_s1`,
          `t8`.`_t2` - (
            `t8`.`x` * `t8`.`x`
          ) AS `_s2`,
          (
            `t8`.`_t2` - (
              `t8`.`x` * `t8`.`x`
            )
          ) - (
            (
              (
                `t8`.`_t1` - `t8`.`x`
              ) * (
                `t8`.`_t1` - `t8`.`x`
              )
            ) / (
              CAST(`t8`.`_c` - 1 AS DOUBLE) + 1e-09
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
            `t7`.`_c`,
            `t7`.`_t1`,
            `t7`.`_t2`
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
              `t5`.`person_id`,
              COUNT(*) AS `_c`,
              SUM(`t5`.`x`) AS `_t1`,
              SUM(`t5`.`x` * `t5`.`x`) AS `_t2`
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
            ) AS `t5`
            GROUP BY
              1
          ) AS `t7`
            ON `t2`.`person_id` = `t7`.`person_id`
        ) AS `t8`
      ) AS `t9`
    ) AS `t10`
  ) AS `t13`
), `t19` AS (
  SELECT
    `t15`.`order_id`,
    `t15`.`person_id`,
    `t15`.`ordered_at`,
    `t15`.`total`,
    `t15`.`x`,
    `t15`.`hour`,
    `t15`.`channel`,
    `t15`.`store`,
    `t15`.`n`,
    `t15`.`_s1`,
    `t15`.`_s2`,
    `t15`.`_ss`,
    `t15`.`m0`,
    `t15`.`vw`,
    (
      `t15`.`x` - (
        (
          `t15`.`_s1` + (
            `t15`.`m0` * 3.0
          )
        ) / (
          `t15`.`n` + 3.0
        )
      )
    ) / (
      POWER(
        (
          (
            (
              `t15`.`_s2` - (
                (
                  `t15`.`_s1` * `t15`.`_s1`
                ) / (
                  `t15`.`n` + 1e-09
                )
              )
            ) + (
              `t15`.`vw` * 3.0
            )
          ) / (
            `t15`.`n` + 3.0
          )
        ),
        0.5
      )
    ) AS `amount_z`,
    EXP((
      `t15`.`_s1` + (
        `t15`.`m0` * 3.0
      )
    ) / (
      `t15`.`n` + 3.0
    )) - 1.0 AS `usual_amount`
  FROM `t14` AS `t15`
  WHERE
    `t15`.`hour` IS NOT NULL
), `t23` AS (
  SELECT
    `t21`.`hour`,
    COUNT(*) AS `_n`
  FROM `t19` AS `t21`
  GROUP BY
    1
), `t35` AS (
  SELECT
    *
  FROM (
    SELECT
      `t31`.`order_id`,
      `t31`.`person_id`,
      `t31`.`ordered_at`,
      `t31`.`total`,
      `t31`.`x`,
      `t31`.`hour`,
      `t31`.`channel`,
      `t31`.`store`,
      `t31`.`n`,
      `t31`.`_s1`,
      `t31`.`_s2`,
      `t31`.`_ss`,
      `t31`.`m0`,
      `t31`.`vw`,
      `t31`.`amount_z`,
      `t31`.`usual_amount`,
      `t31`.`hour_p`
    FROM (
      SELECT
        `t20`.`order_id`,
        `t20`.`person_id`,
        `t20`.`ordered_at`,
        `t20`.`total`,
        `t20`.`x`,
        `t20`.`hour`,
        `t20`.`channel`,
        `t20`.`store`,
        `t20`.`n`,
        `t20`.`_s1`,
        `t20`.`_s2`,
        `t20`.`_ss`,
        `t20`.`m0`,
        `t20`.`vw`,
        `t20`.`amount_z`,
        `t20`.`usual_amount`,
        `t30`.`order_id` AS `order_id_right`,
        `t30`.`hour_p`
      FROM (
        SELECT
          `t15`.`order_id`,
          `t15`.`person_id`,
          `t15`.`ordered_at`,
          `t15`.`total`,
          `t15`.`x`,
          `t15`.`hour`,
          `t15`.`channel`,
          `t15`.`store`,
          `t15`.`n`,
          `t15`.`_s1`,
          `t15`.`_s2`,
          `t15`.`_ss`,
          `t15`.`m0`,
          `t15`.`vw`,
          (
            `t15`.`x` - (
              (
                `t15`.`_s1` + (
                  `t15`.`m0` * 3.0
                )
              ) / (
                `t15`.`n` + 3.0
              )
            )
          ) / (
            POWER(
              (
                (
                  (
                    `t15`.`_s2` - (
                      (
                        `t15`.`_s1` * `t15`.`_s1`
                      ) / (
                        `t15`.`n` + 1e-09
                      )
                    )
                  ) + (
                    `t15`.`vw` * 3.0
                  )
                ) / (
                  `t15`.`n` + 3.0
                )
              ),
              0.5
            )
          ) AS `amount_z`,
          EXP((
            `t15`.`_s1` + (
              `t15`.`m0` * 3.0
            )
          ) / (
            `t15`.`n` + 3.0
          )) - 1.0 AS `usual_amount`
        FROM `t14` AS `t15`
      ) AS `t20`
      LEFT OUTER JOIN (
        SELECT
          `t17`.`order_id`,
          (
            CAST(`t24`.`_k` - 1 AS DOUBLE) + (
              `t28`.`_pop` * 3.0
            )
          ) / (
            `t17`.`n` + 3.0
          ) AS `hour_p`
        FROM (
          SELECT
            `t15`.`order_id`,
            `t15`.`person_id`,
            `t15`.`hour`,
            `t15`.`n`
          FROM `t14` AS `t15`
          WHERE
            `t15`.`hour` IS NOT NULL
        ) AS `t17`
        INNER JOIN (
          SELECT
            `t21`.`person_id`,
            `t21`.`hour`,
            COUNT(*) AS `_k`
          FROM `t19` AS `t21`
          GROUP BY
            1,
            2
        ) AS `t24`
          ON `t17`.`person_id` = `t24`.`person_id` AND `t17`.`hour` = `t24`.`hour`
        INNER JOIN (
          SELECT
            `t25`.`hour`,
            CAST(`t25`.`_n` AS DOUBLE) / (
              SELECT
                SUM(`t25`.`_n`) AS `Sum(_n)`
              FROM `t23` AS `t25`
            ) AS `_pop`
          FROM `t23` AS `t25`
        ) AS `t28`
          ON `t17`.`hour` = `t28`.`hour`
      ) AS `t30`
        ON `t20`.`order_id` = `t30`.`order_id`
    ) AS `t31`
  ) AS `t32`
  WHERE
    `t32`.`channel` IS NOT NULL
), `t39` AS (
  SELECT
    `t37`.`channel`,
    COUNT(*) AS `_n`
  FROM `t35` AS `t37`
  GROUP BY
    1
), `t51` AS (
  SELECT
    *
  FROM (
    SELECT
      `t47`.`order_id`,
      `t47`.`person_id`,
      `t47`.`ordered_at`,
      `t47`.`total`,
      `t47`.`x`,
      `t47`.`hour`,
      `t47`.`channel`,
      `t47`.`store`,
      `t47`.`n`,
      `t47`.`_s1`,
      `t47`.`_s2`,
      `t47`.`_ss`,
      `t47`.`m0`,
      `t47`.`vw`,
      `t47`.`amount_z`,
      `t47`.`usual_amount`,
      `t47`.`hour_p`,
      `t47`.`channel_p`
    FROM (
      SELECT
        `t33`.`order_id`,
        `t33`.`person_id`,
        `t33`.`ordered_at`,
        `t33`.`total`,
        `t33`.`x`,
        `t33`.`hour`,
        `t33`.`channel`,
        `t33`.`store`,
        `t33`.`n`,
        `t33`.`_s1`,
        `t33`.`_s2`,
        `t33`.`_ss`,
        `t33`.`m0`,
        `t33`.`vw`,
        `t33`.`amount_z`,
        `t33`.`usual_amount`,
        `t33`.`hour_p`,
        `t46`.`order_id` AS `order_id_right`,
        `t46`.`channel_p`
      FROM (
        SELECT
          `t31`.`order_id`,
          `t31`.`person_id`,
          `t31`.`ordered_at`,
          `t31`.`total`,
          `t31`.`x`,
          `t31`.`hour`,
          `t31`.`channel`,
          `t31`.`store`,
          `t31`.`n`,
          `t31`.`_s1`,
          `t31`.`_s2`,
          `t31`.`_ss`,
          `t31`.`m0`,
          `t31`.`vw`,
          `t31`.`amount_z`,
          `t31`.`usual_amount`,
          `t31`.`hour_p`
        FROM (
          SELECT
            `t20`.`order_id`,
            `t20`.`person_id`,
            `t20`.`ordered_at`,
            `t20`.`total`,
            `t20`.`x`,
            `t20`.`hour`,
            `t20`.`channel`,
            `t20`.`store`,
            `t20`.`n`,
            `t20`.`_s1`,
            `t20`.`_s2`,
            `t20`.`_ss`,
            `t20`.`m0`,
            `t20`.`vw`,
            `t20`.`amount_z`,
            `t20`.`usual_amount`,
            `t30`.`order_id` AS `order_id_right`,
            `t30`.`hour_p`
          FROM (
            SELECT
              `t15`.`order_id`,
              `t15`.`person_id`,
              `t15`.`ordered_at`,
              `t15`.`total`,
              `t15`.`x`,
              `t15`.`hour`,
              `t15`.`channel`,
              `t15`.`store`,
              `t15`.`n`,
              `t15`.`_s1`,
              `t15`.`_s2`,
              `t15`.`_ss`,
              `t15`.`m0`,
              `t15`.`vw`,
              (
                `t15`.`x` - (
                  (
                    `t15`.`_s1` + (
                      `t15`.`m0` * 3.0
                    )
                  ) / (
                    `t15`.`n` + 3.0
                  )
                )
              ) / (
                POWER(
                  (
                    (
                      (
                        `t15`.`_s2` - (
                          (
                            `t15`.`_s1` * `t15`.`_s1`
                          ) / (
                            `t15`.`n` + 1e-09
                          )
                        )
                      ) + (
                        `t15`.`vw` * 3.0
                      )
                    ) / (
                      `t15`.`n` + 3.0
                    )
                  ),
                  0.5
                )
              ) AS `amount_z`,
              EXP((
                `t15`.`_s1` + (
                  `t15`.`m0` * 3.0
                )
              ) / (
                `t15`.`n` + 3.0
              )) - 1.0 AS `usual_amount`
            FROM `t14` AS `t15`
          ) AS `t20`
          LEFT OUTER JOIN (
            SELECT
              `t17`.`order_id`,
              (
                CAST(`t24`.`_k` - 1 AS DOUBLE) + (
                  `t28`.`_pop` * 3.0
                )
              ) / (
                `t17`.`n` + 3.0
              ) AS `hour_p`
            FROM (
              SELECT
                `t15`.`order_id`,
                `t15`.`person_id`,
                `t15`.`hour`,
                `t15`.`n`
              FROM `t14` AS `t15`
              WHERE
                `t15`.`hour` IS NOT NULL
            ) AS `t17`
            INNER JOIN (
              SELECT
                `t21`.`person_id`,
                `t21`.`hour`,
                COUNT(*) AS `_k`
              FROM `t19` AS `t21`
              GROUP BY
                1,
                2
            ) AS `t24`
              ON `t17`.`person_id` = `t24`.`person_id` AND `t17`.`hour` = `t24`.`hour`
            INNER JOIN (
              SELECT
                `t25`.`hour`,
                CAST(`t25`.`_n` AS DOUBLE) / (
                  SELECT
                    SUM(`t25`.`_n`) AS `Sum(_n)`
                  FROM `t23` AS `t25`
                ) AS `_pop`
              FROM `t23` AS `t25`
            ) AS `t28`
              ON `t17`.`hour` = `t28`.`hour`
          ) AS `t30`
            ON `t20`.`order_id` = `t30`.`order_id`
        ) AS `t31`
      ) AS `t33`
      LEFT OUTER JOIN (
        SELECT
          `t36`.`order_id`,
          (
            CAST(`t40`.`_k` - 1 AS DOUBLE) + (
              `t44`.`_pop` * 3.0
            )
          ) / (
            `t36`.`n` + 3.0
          ) AS `channel_p`
        FROM (
          SELECT
            `t32`.`order_id`,
            `t32`.`person_id`,
            `t32`.`channel`,
            `t32`.`n`
          FROM (
            SELECT
              `t31`.`order_id`,
              `t31`.`person_id`,
              `t31`.`ordered_at`,
              `t31`.`total`,
              `t31`.`x`,
              `t31`.`hour`,
              `t31`.`channel`,
              `t31`.`store`,
              `t31`.`n`,
              `t31`.`_s1`,
              `t31`.`_s2`,
              `t31`.`_ss`,
              `t31`.`m0`,
              `t31`.`vw`,
              `t31`.`amount_z`,
              `t31`.`usual_amount`,
              `t31`.`hour_p`
            FROM (
              SELECT
                `t20`.`order_id`,
                `t20`.`person_id`,
                `t20`.`ordered_at`,
                `t20`.`total`,
                `t20`.`x`,
                `t20`.`hour`,
                `t20`.`channel`,
                `t20`.`store`,
                `t20`.`n`,
                `t20`.`_s1`,
                `t20`.`_s2`,
                `t20`.`_ss`,
                `t20`.`m0`,
                `t20`.`vw`,
                `t20`.`amount_z`,
                `t20`.`usual_amount`,
                `t30`.`order_id` AS `order_id_right`,
                `t30`.`hour_p`
              FROM (
                SELECT
                  `t15`.`order_id`,
                  `t15`.`person_id`,
                  `t15`.`ordered_at`,
                  `t15`.`total`,
                  `t15`.`x`,
                  `t15`.`hour`,
                  `t15`.`channel`,
                  `t15`.`store`,
                  `t15`.`n`,
                  `t15`.`_s1`,
                  `t15`.`_s2`,
                  `t15`.`_ss`,
                  `t15`.`m0`,
                  `t15`.`vw`,
                  (
                    `t15`.`x` - (
                      (
                        `t15`.`_s1` + (
                          `t15`.`m0` * 3.0
                        )
                      ) / (
                        `t15`.`n` + 3.0
                      )
                    )
                  ) / (
                    POWER(
                      (
                        (
                          (
                            `t15`.`_s2` - (
                              (
                                `t15`.`_s1` * `t15`.`_s1`
                              ) / (
                                `t15`.`n` + 1e-09
                              )
                            )
                          ) + (
                            `t15`.`vw` * 3.0
                          )
                        ) / (
                          `t15`.`n` + 3.0
                        )
                      ),
                      0.5
                    )
                  ) AS `amount_z`,
                  EXP((
                    `t15`.`_s1` + (
                      `t15`.`m0` * 3.0
                    )
                  ) / (
                    `t15`.`n` + 3.0
                  )) - 1.0 AS `usual_amount`
                FROM `t14` AS `t15`
              ) AS `t20`
              LEFT OUTER JOIN (
                SELECT
                  `t17`.`order_id`,
                  (
                    CAST(`t24`.`_k` - 1 AS DOUBLE) + (
                      `t28`.`_pop` * 3.0
                    )
                  ) / (
                    `t17`.`n` + 3.0
                  ) AS `hour_p`
                FROM (
                  SELECT
                    `t15`.`order_id`,
                    `t15`.`person_id`,
                    `t15`.`hour`,
                    `t15`.`n`
                  FROM `t14` AS `t15`
                  WHERE
                    `t15`.`hour` IS NOT NULL
                ) AS `t17`
                INNER JOIN (
                  SELECT
                    `t21`.`person_id`,
                    `t21`.`hour`,
                    COUNT(*) AS `_k`
                  FROM `t19` AS `t21`
                  GROUP BY
                    1,
                    2
                ) AS `t24`
                  ON `t17`.`person_id` = `t24`.`person_id` AND `t17`.`hour` = `t24`.`hour`
                INNER JOIN (
                  SELECT
                    `t25`.`hour`,
                    CAST(`t25`.`_n` AS DOUBLE) / (
                      SELECT
                        SUM(`t25`.`_n`) AS `Sum(_n)`
                      FROM `t23` AS `t25`
                    ) AS `_pop`
                  FROM `t23` AS `t25`
                ) AS `t28`
                  ON `t17`.`hour` = `t28`.`hour`
              ) AS `t30`
                ON `t20`.`order_id` = `t30`.`order_id`
            ) AS `t31`
          ) AS `t32`
          WHERE
            `t32`.`channel` IS NOT NULL
        ) AS `t36`
        INNER JOIN (
          SELECT
            `t37`.`person_id`,
            `t37`.`channel`,
            COUNT(*) AS `_k`
          FROM `t35` AS `t37`
          GROUP BY
            1,
            2
        ) AS `t40`
          ON `t36`.`person_id` = `t40`.`person_id` AND `t36`.`channel` = `t40`.`channel`
        INNER JOIN (
          SELECT
            `t41`.`channel`,
            CAST(`t41`.`_n` AS DOUBLE) / (
              SELECT
                SUM(`t41`.`_n`) AS `Sum(_n)`
              FROM `t39` AS `t41`
            ) AS `_pop`
          FROM `t39` AS `t41`
        ) AS `t44`
          ON `t36`.`channel` = `t44`.`channel`
      ) AS `t46`
        ON `t33`.`order_id` = `t46`.`order_id`
    ) AS `t47`
  ) AS `t48`
  WHERE
    `t48`.`store` IS NOT NULL
), `t55` AS (
  SELECT
    `t53`.`store`,
    COUNT(*) AS `_n`
  FROM `t51` AS `t53`
  GROUP BY
    1
)
SELECT
  `t67`.`order_id`,
  `t67`.`person_id`,
  CAST(`t67`.`ordered_at` AS TIMESTAMP) AS `ordered_at`,
  `t67`.`total`,
  `t67`.`amount_z`,
  `t67`.`usual_amount`,
  `t67`.`hour_p`,
  `t67`.`channel_p`,
  `t67`.`store_p`,
  `t67`.`history`,
  `t67`.`unusual`,
  `t67`.`reasons`
FROM (
  SELECT
    `t66`.`order_id`,
    `t66`.`person_id`,
    `t66`.`ordered_at`,
    `t66`.`total`,
    `t66`.`amount_z`,
    `t66`.`usual_amount`,
    `t66`.`hour_p`,
    `t66`.`channel_p`,
    `t66`.`store_p`,
    `t66`.`history`,
    `t66`.`unusual`,
    `t66`.`reasons`
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t64`.`order_id`,
        `t64`.`person_id`,
        `t64`.`ordered_at`,
        `t64`.`total`,
        `t64`.`amount_z`,
        `t64`.`usual_amount`,
        `t64`.`hour_p`,
        `t64`.`channel_p`,
        `t64`.`store_p`,
        CAST(`t64`.`n` AS BIGINT) AS `history`,
        CAST(`t64`.`amount_z` >= 4.0 AS BIGINT) + 0 + CAST((
          `t64`.`n` >= 3
        ) AND COALESCE(`t64`.`hour_p` < 0.05, FALSE) AS BIGINT) + CAST((
          `t64`.`n` >= 3
        ) AND COALESCE(`t64`.`channel_p` < 0.05, FALSE) AS BIGINT) + CAST((
          `t64`.`n` >= 3
        ) AND COALESCE(`t64`.`store_p` < 0.05, FALSE) AS BIGINT) AS `unusual`,
        (
          `t64`.`amount_z` >= 4.0
        )
        AND (
          (
            CAST(`t64`.`amount_z` >= 4.0 AS BIGINT) + 0 + CAST((
              `t64`.`n` >= 3
            ) AND COALESCE(`t64`.`hour_p` < 0.05, FALSE) AS BIGINT) + CAST((
              `t64`.`n` >= 3
            ) AND COALESCE(`t64`.`channel_p` < 0.05, FALSE) AS BIGINT) + CAST((
              `t64`.`n` >= 3
            ) AND COALESCE(`t64`.`store_p` < 0.05, FALSE) AS BIGINT)
          ) >= 2
        ) AS `alert`,
        REGEXP_REPLACE(
          CONCAT(
            CONCAT(
              CONCAT(
                CONCAT(
                  '',
                  IF(
                    `t64`.`amount_z` >= 4.0,
                    CONCAT(
                      CONCAT(
                        CONCAT(
                          CONCAT('amount ', CAST(CAST(ROUND(`t64`.`total`, 2) AS DOUBLE) AS STRING)),
                          ' against a usual '
                        ),
                        CAST(CAST(ROUND(`t64`.`usual_amount`, 2) AS DOUBLE) AS STRING)
                      ),
                      '; '
                    ),
                    ''
                  )
                ),
                IF(
                  (
                    `t64`.`n` >= 3
                  ) AND COALESCE(`t64`.`hour_p` < 0.05, FALSE),
                  CONCAT(
                    CONCAT(
                      CONCAT('ordered at ', CAST(EXTRACT(hour FROM `t64`.`ordered_at`) AS STRING)),
                      ':00, a rare hour for them'
                    ),
                    '; '
                  ),
                  ''
                )
              ),
              IF(
                (
                  `t64`.`n` >= 3
                ) AND COALESCE(`t64`.`channel_p` < 0.05, FALSE),
                CONCAT(CONCAT(CONCAT('through ', `t64`.`channel`), ', a channel they rarely use'), '; '),
                ''
              )
            ),
            IF(
              (
                `t64`.`n` >= 3
              ) AND COALESCE(`t64`.`store_p` < 0.05, FALSE),
              CONCAT(
                CONCAT(CONCAT('at store ', COALESCE(`t64`.`store`, '')), ', where they rarely shop'),
                '; '
              ),
              ''
            )
          ),
          '; $',
          ''
        ) AS `reasons`
      FROM (
        SELECT
          `t63`.`order_id`,
          `t63`.`person_id`,
          `t63`.`ordered_at`,
          `t63`.`total`,
          `t63`.`x`,
          `t63`.`hour`,
          `t63`.`channel`,
          `t63`.`store`,
          `t63`.`n`,
          `t63`.`_s1`,
          `t63`.`_s2`,
          `t63`.`_ss`,
          `t63`.`m0`,
          `t63`.`vw`,
          `t63`.`amount_z`,
          `t63`.`usual_amount`,
          `t63`.`hour_p`,
          `t63`.`channel_p`,
          `t63`.`store_p`
        FROM (
          SELECT
            `t49`.`order_id`,
            `t49`.`person_id`,
            `t49`.`ordered_at`,
            `t49`.`total`,
            `t49`.`x`,
            `t49`.`hour`,
            `t49`.`channel`,
            `t49`.`store`,
            `t49`.`n`,
            `t49`.`_s1`,
            `t49`.`_s2`,
            `t49`.`_ss`,
            `t49`.`m0`,
            `t49`.`vw`,
            `t49`.`amount_z`,
            `t49`.`usual_amount`,
            `t49`.`hour_p`,
            `t49`.`channel_p`,
            `t62`.`order_id` AS `order_id_right`,
            `t62`.`store_p`
          FROM (
            SELECT
              `t47`.`order_id`,
              `t47`.`person_id`,
              `t47`.`ordered_at`,
              `t47`.`total`,
              `t47`.`x`,
              `t47`.`hour`,
              `t47`.`channel`,
              `t47`.`store`,
              `t47`.`n`,
              `t47`.`_s1`,
              `t47`.`_s2`,
              `t47`.`_ss`,
              `t47`.`m0`,
              `t47`.`vw`,
              `t47`.`amount_z`,
              `t47`.`usual_amount`,
              `t47`.`hour_p`,
              `t47`.`channel_p`
            FROM (
              SELECT
                `t33`.`order_id`,
                `t33`.`person_id`,
                `t33`.`ordered_at`,
                `t33`.`total`,
                `t33`.`x`,
                `t33`.`hour`,
                `t33`.`channel`,
                `t33`.`store`,
                `t33`.`n`,
                `t33`.`_s1`,
                `t33`.`_s2`,
                `t33`.`_ss`,
                `t33`.`m0`,
                `t33`.`vw`,
                `t33`.`amount_z`,
                `t33`.`usual_amount`,
                `t33`.`hour_p`,
                `t46`.`order_id` AS `order_id_right`,
                `t46`.`channel_p`
              FROM (
                SELECT
                  `t31`.`order_id`,
                  `t31`.`person_id`,
                  `t31`.`ordered_at`,
                  `t31`.`total`,
                  `t31`.`x`,
                  `t31`.`hour`,
                  `t31`.`channel`,
                  `t31`.`store`,
                  `t31`.`n`,
                  `t31`.`_s1`,
                  `t31`.`_s2`,
                  `t31`.`_ss`,
                  `t31`.`m0`,
                  `t31`.`vw`,
                  `t31`.`amount_z`,
                  `t31`.`usual_amount`,
                  `t31`.`hour_p`
                FROM (
                  SELECT
                    `t20`.`order_id`,
                    `t20`.`person_id`,
                    `t20`.`ordered_at`,
                    `t20`.`total`,
                    `t20`.`x`,
                    `t20`.`hour`,
                    `t20`.`channel`,
                    `t20`.`store`,
                    `t20`.`n`,
                    `t20`.`_s1`,
                    `t20`.`_s2`,
                    `t20`.`_ss`,
                    `t20`.`m0`,
                    `t20`.`vw`,
                    `t20`.`amount_z`,
                    `t20`.`usual_amount`,
                    `t30`.`order_id` AS `order_id_right`,
                    `t30`.`hour_p`
                  FROM (
                    SELECT
                      `t15`.`order_id`,
                      `t15`.`person_id`,
                      `t15`.`ordered_at`,
                      `t15`.`total`,
                      `t15`.`x`,
                      `t15`.`hour`,
                      `t15`.`channel`,
                      `t15`.`store`,
                      `t15`.`n`,
                      `t15`.`_s1`,
                      `t15`.`_s2`,
                      `t15`.`_ss`,
                      `t15`.`m0`,
                      `t15`.`vw`,
                      (
                        `t15`.`x` - (
                          (
                            `t15`.`_s1` + (
                              `t15`.`m0` * 3.0
                            )
                          ) / (
                            `t15`.`n` + 3.0
                          )
                        )
                      ) / (
                        POWER(
                          (
                            (
                              (
                                `t15`.`_s2` - (
                                  (
                                    `t15`.`_s1` * `t15`.`_s1`
                                  ) / (
                                    `t15`.`n` + 1e-09
                                  )
                                )
                              ) + (
                                `t15`.`vw` * 3.0
                              )
                            ) / (
                              `t15`.`n` + 3.0
                            )
                          ),
                          0.5
                        )
                      ) AS `amount_z`,
                      EXP((
                        `t15`.`_s1` + (
                          `t15`.`m0` * 3.0
                        )
                      ) / (
                        `t15`.`n` + 3.0
                      )) - 1.0 AS `usual_amount`
                    FROM `t14` AS `t15`
                  ) AS `t20`
                  LEFT OUTER JOIN (
                    SELECT
                      `t17`.`order_id`,
                      (
                        CAST(`t24`.`_k` - 1 AS DOUBLE) + (
                          `t28`.`_pop` * 3.0
                        )
                      ) / (
                        `t17`.`n` + 3.0
                      ) AS `hour_p`
                    FROM (
                      SELECT
                        `t15`.`order_id`,
                        `t15`.`person_id`,
                        `t15`.`hour`,
                        `t15`.`n`
                      FROM `t14` AS `t15`
                      WHERE
                        `t15`.`hour` IS NOT NULL
                    ) AS `t17`
                    INNER JOIN (
                      SELECT
                        `t21`.`person_id`,
                        `t21`.`hour`,
                        COUNT(*) AS `_k`
                      FROM `t19` AS `t21`
                      GROUP BY
                        1,
                        2
                    ) AS `t24`
                      ON `t17`.`person_id` = `t24`.`person_id` AND `t17`.`hour` = `t24`.`hour`
                    INNER JOIN (
                      SELECT
                        `t25`.`hour`,
                        CAST(`t25`.`_n` AS DOUBLE) / (
                          SELECT
                            SUM(`t25`.`_n`) AS `Sum(_n)`
                          FROM `t23` AS `t25`
                        ) AS `_pop`
                      FROM `t23` AS `t25`
                    ) AS `t28`
                      ON `t17`.`hour` = `t28`.`hour`
                  ) AS `t30`
                    ON `t20`.`order_id` = `t30`.`order_id`
                ) AS `t31`
              ) AS `t33`
              LEFT OUTER JOIN (
                SELECT
                  `t36`.`order_id`,
                  (
                    CAST(`t40`.`_k` - 1 AS DOUBLE) + (
                      `t44`.`_pop` * 3.0
                    )
                  ) / (
                    `t36`.`n` + 3.0
                  ) AS `channel_p`
                FROM (
                  SELECT
                    `t32`.`order_id`,
                    `t32`.`person_id`,
                    `t32`.`channel`,
                    `t32`.`n`
                  FROM (
                    SELECT
                      `t31`.`order_id`,
                      `t31`.`person_id`,
                      `t31`.`ordered_at`,
                      `t31`.`total`,
                      `t31`.`x`,
                      `t31`.`hour`,
                      `t31`.`channel`,
                      `t31`.`store`,
                      `t31`.`n`,
                      `t31`.`_s1`,
                      `t31`.`_s2`,
                      `t31`.`_ss`,
                      `t31`.`m0`,
                      `t31`.`vw`,
                      `t31`.`amount_z`,
                      `t31`.`usual_amount`,
                      `t31`.`hour_p`
                    FROM (
                      SELECT
                        `t20`.`order_id`,
                        `t20`.`person_id`,
                        `t20`.`ordered_at`,
                        `t20`.`total`,
                        `t20`.`x`,
                        `t20`.`hour`,
                        `t20`.`channel`,
                        `t20`.`store`,
                        `t20`.`n`,
                        `t20`.`_s1`,
                        `t20`.`_s2`,
                        `t20`.`_ss`,
                        `t20`.`m0`,
                        `t20`.`vw`,
                        `t20`.`amount_z`,
                        `t20`.`usual_amount`,
                        `t30`.`order_id` AS `order_id_right`,
                        `t30`.`hour_p`
                      FROM (
                        SELECT
                          `t15`.`order_id`,
                          `t15`.`person_id`,
                          `t15`.`ordered_at`,
                          `t15`.`total`,
                          `t15`.`x`,
                          `t15`.`hour`,
                          `t15`.`channel`,
                          `t15`.`store`,
                          `t15`.`n`,
                          `t15`.`_s1`,
                          `t15`.`_s2`,
                          `t15`.`_ss`,
                          `t15`.`m0`,
                          `t15`.`vw`,
                          (
                            `t15`.`x` - (
                              (
                                `t15`.`_s1` + (
                                  `t15`.`m0` * 3.0
                                )
                              ) / (
                                `t15`.`n` + 3.0
                              )
                            )
                          ) / (
                            POWER(
                              (
                                (
                                  (
                                    `t15`.`_s2` - (
                                      (
                                        `t15`.`_s1` * `t15`.`_s1`
                                      ) / (
                                        `t15`.`n` + 1e-09
                                      )
                                    )
                                  ) + (
                                    `t15`.`vw` * 3.0
                                  )
                                ) / (
                                  `t15`.`n` + 3.0
                                )
                              ),
                              0.5
                            )
                          ) AS `amount_z`,
                          EXP((
                            `t15`.`_s1` + (
                              `t15`.`m0` * 3.0
                            )
                          ) / (
                            `t15`.`n` + 3.0
                          )) - 1.0 AS `usual_amount`
                        FROM `t14` AS `t15`
                      ) AS `t20`
                      LEFT OUTER JOIN (
                        SELECT
                          `t17`.`order_id`,
                          (
                            CAST(`t24`.`_k` - 1 AS DOUBLE) + (
                              `t28`.`_pop` * 3.0
                            )
                          ) / (
                            `t17`.`n` + 3.0
                          ) AS `hour_p`
                        FROM (
                          SELECT
                            `t15`.`order_id`,
                            `t15`.`person_id`,
                            `t15`.`hour`,
                            `t15`.`n`
                          FROM `t14` AS `t15`
                          WHERE
                            `t15`.`hour` IS NOT NULL
                        ) AS `t17`
                        INNER JOIN (
                          SELECT
                            `t21`.`person_id`,
                            `t21`.`hour`,
                            COUNT(*) AS `_k`
                          FROM `t19` AS `t21`
                          GROUP BY
                            1,
                            2
                        ) AS `t24`
                          ON `t17`.`person_id` = `t24`.`person_id` AND `t17`.`hour` = `t24`.`hour`
                        INNER JOIN (
                          SELECT
                            `t25`.`hour`,
                            CAST(`t25`.`_n` AS DOUBLE) / (
                              SELECT
                                SUM(`t25`.`_n`) AS `Sum(_n)`
                              FROM `t23` AS `t25`
                            ) AS `_pop`
                          FROM `t23` AS `t25`
                        ) AS `t28`
                          ON `t17`.`hour` = `t28`.`hour`
                      ) AS `t30`
                        ON `t20`.`order_id` = `t30`.`order_id`
                    ) AS `t31`
                  ) AS `t32`
                  WHERE
                    `t32`.`channel` IS NOT NULL
                ) AS `t36`
                INNER JOIN (
                  SELECT
                    `t37`.`person_id`,
                    `t37`.`channel`,
                    COUNT(*) AS `_k`
                  FROM `t35` AS `t37`
                  GROUP BY
                    1,
                    2
                ) AS `t40`
                  ON `t36`.`person_id` = `t40`.`person_id` AND `t36`.`channel` = `t40`.`channel`
                INNER JOIN (
                  SELECT
                    `t41`.`channel`,
                    CAST(`t41`.`_n` AS DOUBLE) / (
                      SELECT
                        SUM(`t41`.`_n`) AS `Sum(_n)`
                      FROM `t39` AS `t41`
                    ) AS `_pop`
                  FROM `t39` AS `t41`
                ) AS `t44`
                  ON `t36`.`channel` = `t44`.`channel`
              ) AS `t46`
                ON `t33`.`order_id` = `t46`.`order_id`
            ) AS `t47`
          ) AS `t49`
          LEFT OUTER JOIN (
            SELECT
              `t52`.`order_id`,
              (
                CAST(`t56`.`_k` - 1 AS DOUBLE) + (
                  `t60`.`_pop` * 3.0
                )
              ) / (
                `t52`.`n` + 3.0
              ) AS `store_p`
            FROM (
              SELECT
                `t48`.`order_id`,
                `t48`.`person_id`,
                `t48`.`store`,
                `t48`.`n`
              FROM (
                SELECT
                  `t47`.`order_id`,
                  `t47`.`person_id`,
                  `t47`.`ordered_at`,
                  `t47`.`total`,
                  `t47`.`x`,
                  `t47`.`hour`,
                  `t47`.`channel`,
                  `t47`.`store`,
                  `t47`.`n`,
                  `t47`.`_s1`,
                  `t47`.`_s2`,
                  `t47`.`_ss`,
                  `t47`.`m0`,
                  `t47`.`vw`,
                  `t47`.`amount_z`,
                  `t47`.`usual_amount`,
                  `t47`.`hour_p`,
                  `t47`.`channel_p`
                FROM (
                  SELECT
                    `t33`.`order_id`,
                    `t33`.`person_id`,
                    `t33`.`ordered_at`,
                    `t33`.`total`,
                    `t33`.`x`,
                    `t33`.`hour`,
                    `t33`.`channel`,
                    `t33`.`store`,
                    `t33`.`n`,
                    `t33`.`_s1`,
                    `t33`.`_s2`,
                    `t33`.`_ss`,
                    `t33`.`m0`,
                    `t33`.`vw`,
                    `t33`.`amount_z`,
                    `t33`.`usual_amount`,
                    `t33`.`hour_p`,
                    `t46`.`order_id` AS `order_id_right`,
                    `t46`.`channel_p`
                  FROM (
                    SELECT
                      `t31`.`order_id`,
                      `t31`.`person_id`,
                      `t31`.`ordered_at`,
                      `t31`.`total`,
                      `t31`.`x`,
                      `t31`.`hour`,
                      `t31`.`channel`,
                      `t31`.`store`,
                      `t31`.`n`,
                      `t31`.`_s1`,
                      `t31`.`_s2`,
                      `t31`.`_ss`,
                      `t31`.`m0`,
                      `t31`.`vw`,
                      `t31`.`amount_z`,
                      `t31`.`usual_amount`,
                      `t31`.`hour_p`
                    FROM (
                      SELECT
                        `t20`.`order_id`,
                        `t20`.`person_id`,
                        `t20`.`ordered_at`,
                        `t20`.`total`,
                        `t20`.`x`,
                        `t20`.`hour`,
                        `t20`.`channel`,
                        `t20`.`store`,
                        `t20`.`n`,
                        `t20`.`_s1`,
                        `t20`.`_s2`,
                        `t20`.`_ss`,
                        `t20`.`m0`,
                        `t20`.`vw`,
                        `t20`.`amount_z`,
                        `t20`.`usual_amount`,
                        `t30`.`order_id` AS `order_id_right`,
                        `t30`.`hour_p`
                      FROM (
                        SELECT
                          `t15`.`order_id`,
                          `t15`.`person_id`,
                          `t15`.`ordered_at`,
                          `t15`.`total`,
                          `t15`.`x`,
                          `t15`.`hour`,
                          `t15`.`channel`,
                          `t15`.`store`,
                          `t15`.`n`,
                          `t15`.`_s1`,
                          `t15`.`_s2`,
                          `t15`.`_ss`,
                          `t15`.`m0`,
                          `t15`.`vw`,
                          (
                            `t15`.`x` - (
                              (
                                `t15`.`_s1` + (
                                  `t15`.`m0` * 3.0
                                )
                              ) / (
                                `t15`.`n` + 3.0
                              )
                            )
                          ) / (
                            POWER(
                              (
                                (
                                  (
                                    `t15`.`_s2` - (
                                      (
                                        `t15`.`_s1` * `t15`.`_s1`
                                      ) / (
                                        `t15`.`n` + 1e-09
                                      )
                                    )
                                  ) + (
                                    `t15`.`vw` * 3.0
                                  )
                                ) / (
                                  `t15`.`n` + 3.0
                                )
                              ),
                              0.5
                            )
                          ) AS `amount_z`,
                          EXP((
                            `t15`.`_s1` + (
                              `t15`.`m0` * 3.0
                            )
                          ) / (
                            `t15`.`n` + 3.0
                          )) - 1.0 AS `usual_amount`
                        FROM `t14` AS `t15`
                      ) AS `t20`
                      LEFT OUTER JOIN (
                        SELECT
                          `t17`.`order_id`,
                          (
                            CAST(`t24`.`_k` - 1 AS DOUBLE) + (
                              `t28`.`_pop` * 3.0
                            )
                          ) / (
                            `t17`.`n` + 3.0
                          ) AS `hour_p`
                        FROM (
                          SELECT
                            `t15`.`order_id`,
                            `t15`.`person_id`,
                            `t15`.`hour`,
                            `t15`.`n`
                          FROM `t14` AS `t15`
                          WHERE
                            `t15`.`hour` IS NOT NULL
                        ) AS `t17`
                        INNER JOIN (
                          SELECT
                            `t21`.`person_id`,
                            `t21`.`hour`,
                            COUNT(*) AS `_k`
                          FROM `t19` AS `t21`
                          GROUP BY
                            1,
                            2
                        ) AS `t24`
                          ON `t17`.`person_id` = `t24`.`person_id` AND `t17`.`hour` = `t24`.`hour`
                        INNER JOIN (
                          SELECT
                            `t25`.`hour`,
                            CAST(`t25`.`_n` AS DOUBLE) / (
                              SELECT
                                SUM(`t25`.`_n`) AS `Sum(_n)`
                              FROM `t23` AS `t25`
                            ) AS `_pop`
                          FROM `t23` AS `t25`
                        ) AS `t28`
                          ON `t17`.`hour` = `t28`.`hour`
                      ) AS `t30`
                        ON `t20`.`order_id` = `t30`.`order_id`
                    ) AS `t31`
                  ) AS `t33`
                  LEFT OUTER JOIN (
                    SELECT
                      `t36`.`order_id`,
                      (
                        CAST(`t40`.`_k` - 1 AS DOUBLE) + (
                          `t44`.`_pop` * 3.0
                        )
                      ) / (
                        `t36`.`n` + 3.0
                      ) AS `channel_p`
                    FROM (
                      SELECT
                        `t32`.`order_id`,
                        `t32`.`person_id`,
                        `t32`.`channel`,
                        `t32`.`n`
                      FROM (
                        SELECT
                          `t31`.`order_id`,
                          `t31`.`person_id`,
                          `t31`.`ordered_at`,
                          `t31`.`total`,
                          `t31`.`x`,
                          `t31`.`hour`,
                          `t31`.`channel`,
                          `t31`.`store`,
                          `t31`.`n`,
                          `t31`.`_s1`,
                          `t31`.`_s2`,
                          `t31`.`_ss`,
                          `t31`.`m0`,
                          `t31`.`vw`,
                          `t31`.`amount_z`,
                          `t31`.`usual_amount`,
                          `t31`.`hour_p`
                        FROM (
                          SELECT
                            `t20`.`order_id`,
                            `t20`.`person_id`,
                            `t20`.`ordered_at`,
                            `t20`.`total`,
                            `t20`.`x`,
                            `t20`.`hour`,
                            `t20`.`channel`,
                            `t20`.`store`,
                            `t20`.`n`,
                            `t20`.`_s1`,
                            `t20`.`_s2`,
                            `t20`.`_ss`,
                            `t20`.`m0`,
                            `t20`.`vw`,
                            `t20`.`amount_z`,
                            `t20`.`usual_amount`,
                            `t30`.`order_id` AS `order_id_right`,
                            `t30`.`hour_p`
                          FROM (
                            SELECT
                              `t15`.`order_id`,
                              `t15`.`person_id`,
                              `t15`.`ordered_at`,
                              `t15`.`total`,
                              `t15`.`x`,
                              `t15`.`hour`,
                              `t15`.`channel`,
                              `t15`.`store`,
                              `t15`.`n`,
                              `t15`.`_s1`,
                              `t15`.`_s2`,
                              `t15`.`_ss`,
                              `t15`.`m0`,
                              `t15`.`vw`,
                              (
                                `t15`.`x` - (
                                  (
                                    `t15`.`_s1` + (
                                      `t15`.`m0` * 3.0
                                    )
                                  ) / (
                                    `t15`.`n` + 3.0
                                  )
                                )
                              ) / (
                                POWER(
                                  (
                                    (
                                      (
                                        `t15`.`_s2` - (
                                          (
                                            `t15`.`_s1` * `t15`.`_s1`
                                          ) / (
                                            `t15`.`n` + 1e-09
                                          )
                                        )
                                      ) + (
                                        `t15`.`vw` * 3.0
                                      )
                                    ) / (
                                      `t15`.`n` + 3.0
                                    )
                                  ),
                                  0.5
                                )
                              ) AS `amount_z`,
                              EXP((
                                `t15`.`_s1` + (
                                  `t15`.`m0` * 3.0
                                )
                              ) / (
                                `t15`.`n` + 3.0
                              )) - 1.0 AS `usual_amount`
                            FROM `t14` AS `t15`
                          ) AS `t20`
                          LEFT OUTER JOIN (
                            SELECT
                              `t17`.`order_id`,
                              (
                                CAST(`t24`.`_k` - 1 AS DOUBLE) + (
                                  `t28`.`_pop` * 3.0
                                )
                              ) / (
                                `t17`.`n` + 3.0
                              ) AS `hour_p`
                            FROM (
                              SELECT
                                `t15`.`order_id`,
                                `t15`.`person_id`,
                                `t15`.`hour`,
                                `t15`.`n`
                              FROM `t14` AS `t15`
                              WHERE
                                `t15`.`hour` IS NOT NULL
                            ) AS `t17`
                            INNER JOIN (
                              SELECT
                                `t21`.`person_id`,
                                `t21`.`hour`,
                                COUNT(*) AS `_k`
                              FROM `t19` AS `t21`
                              GROUP BY
                                1,
                                2
                            ) AS `t24`
                              ON `t17`.`person_id` = `t24`.`person_id` AND `t17`.`hour` = `t24`.`hour`
                            INNER JOIN (
                              SELECT
                                `t25`.`hour`,
                                CAST(`t25`.`_n` AS DOUBLE) / (
                                  SELECT
                                    SUM(`t25`.`_n`) AS `Sum(_n)`
                                  FROM `t23` AS `t25`
                                ) AS `_pop`
                              FROM `t23` AS `t25`
                            ) AS `t28`
                              ON `t17`.`hour` = `t28`.`hour`
                          ) AS `t30`
                            ON `t20`.`order_id` = `t30`.`order_id`
                        ) AS `t31`
                      ) AS `t32`
                      WHERE
                        `t32`.`channel` IS NOT NULL
                    ) AS `t36`
                    INNER JOIN (
                      SELECT
                        `t37`.`person_id`,
                        `t37`.`channel`,
                        COUNT(*) AS `_k`
                      FROM `t35` AS `t37`
                      GROUP BY
                        1,
                        2
                    ) AS `t40`
                      ON `t36`.`person_id` = `t40`.`person_id` AND `t36`.`channel` = `t40`.`channel`
                    INNER JOIN (
                      SELECT
                        `t41`.`channel`,
                        CAST(`t41`.`_n` AS DOUBLE) / (
                          SELECT
                            SUM(`t41`.`_n`) AS `Sum(_n)`
                          FROM `t39` AS `t41`
                        ) AS `_pop`
                      FROM `t39` AS `t41`
                    ) AS `t44`
                      ON `t36`.`channel` = `t44`.`channel`
                  ) AS `t46`
                    ON `t33`.`order_id` = `t46`.`order_id`
                ) AS `t47`
              ) AS `t48`
              WHERE
                `t48`.`store` IS NOT NULL
            ) AS `t52`
            INNER JOIN (
              SELECT
                `t53`.`person_id`,
                `t53`.`store`,
                COUNT(*) AS `_k`
              FROM `t51` AS `t53`
              GROUP BY
                1,
                2
            ) AS `t56`
              ON `t52`.`person_id` = `t56`.`person_id` AND `t52`.`store` = `t56`.`store`
            INNER JOIN (
              SELECT
                `t57`.`store`,
                CAST(`t57`.`_n` AS DOUBLE) / (
                  SELECT
                    SUM(`t57`.`_n`) AS `Sum(_n)`
                  FROM `t55` AS `t57`
                ) AS `_pop`
              FROM `t55` AS `t57`
            ) AS `t60`
              ON `t52`.`store` = `t60`.`store`
          ) AS `t62`
            ON `t49`.`order_id` = `t62`.`order_id`
        ) AS `t63`
      ) AS `t64`
    ) AS `t65`
    WHERE
      `t65`.`alert`
  ) AS `t66`
) AS `t67`
