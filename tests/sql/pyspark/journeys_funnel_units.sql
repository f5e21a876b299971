WITH `t11` AS (
  SELECT
    `t5`.`person_id`,
    `t5`.`at`,
    `t5`.`source`,
    `t5`.`ref`,
    `t5`.`touchpoint`,
    `t5`.`channel`,
    `t5`.`device`,
    `t5`.`stage`,
    `t5`.`is_conversion`,
    `t5`.`value`,
    `t5`.`sentiment`,
    `t5`.`switch`,
    `t5`.`journey_id`,
    `t5`.`session_id`,
    `t5`.`step`,
    `t5`.`journey_id` AS `unit`,
    ROW_NUMBER() OVER (
      PARTITION BY `t5`.`journey_id`
      ORDER BY `t5`.`at` ASC NULLS LAST, `t5`.`step` ASC NULLS LAST
    ) - 1 AS `pos`
  FROM (
    SELECT
      *
    FROM `cxlens`.`main`.`touchpoints` AS `t0`
    WHERE
      `t0`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
  ) AS `t5`
)
SELECT
  `t72`.`unit`,
  `t72`.`channel`,
  `t72`.`_cand`,
  `t72`.`_start`,
  `t72`.`_entry`,
  `t72`.`t0`,
  `t72`.`t1`,
  `t72`.`t2`,
  `t72`.`t3`,
  `t72`.`_depth`,
  `t72`.`person_id`,
  `t72`.`persona`,
  `t72`.`stage`,
  `t72`.`_last`,
  `t72`.`_done`,
  COALESCE(`t72`.`_neg`, FALSE) AS `_neg`,
  COALESCE(`t72`.`_tick`, FALSE) AS `_tick`
FROM (
  SELECT
    `t71`.`unit`,
    `t71`.`channel`,
    `t71`.`_cand`,
    `t71`.`_start`,
    `t71`.`_entry`,
    `t71`.`t0`,
    `t71`.`t1`,
    `t71`.`t2`,
    `t71`.`t3`,
    `t71`.`_depth`,
    `t71`.`person_id`,
    `t71`.`persona`,
    `t71`.`stage`,
    `t71`.`_last`,
    `t71`.`_done`,
    `t71`.`_neg`,
    `t71`.`_tick`
  FROM (
    SELECT
      `t65`.`unit`,
      `t65`.`channel`,
      `t65`.`_cand`,
      `t65`.`_start`,
      `t65`.`_entry`,
      `t65`.`t0`,
      `t65`.`t1`,
      `t65`.`t2`,
      `t65`.`t3`,
      `t65`.`_depth`,
      `t65`.`person_id`,
      `t65`.`persona`,
      `t65`.`stage`,
      `t65`.`_last`,
      `t65`.`_done`,
      `t70`.`unit` AS `unit_right`,
      `t70`.`_neg`,
      `t70`.`_tick`
    FROM (
      SELECT
        `t62`.`unit`,
        `t62`.`channel`,
        `t62`.`_cand`,
        `t62`.`_start`,
        `t62`.`_entry`,
        `t62`.`t0`,
        `t62`.`t1`,
        `t62`.`t2`,
        `t62`.`t3`,
        `t62`.`_depth`,
        `t62`.`person_id`,
        COALESCE(`t62`.`persona`, '(unknown)') AS `persona`,
        COALESCE(`t62`.`stage`, '(unknown)') AS `stage`,
        COALESCE(`t62`.`t3`, `t62`.`t2`, `t62`.`t1`, `t62`.`t0`) AS `_last`,
        `t62`.`t3` IS NOT NULL AS `_done`
      FROM (
        SELECT
          `t61`.`unit`,
          `t61`.`channel`,
          `t61`.`_cand`,
          `t61`.`_start`,
          `t61`.`_entry`,
          `t61`.`t0`,
          `t61`.`t1`,
          `t61`.`t2`,
          `t61`.`t3`,
          `t61`.`_depth`,
          `t61`.`person_id`,
          `t61`.`persona`,
          `t61`.`stage`
        FROM (
          SELECT
            `t60`.`unit`,
            `t60`.`channel`,
            `t60`.`_cand`,
            `t60`.`_start`,
            `t60`.`_entry`,
            `t60`.`t0`,
            `t60`.`t1`,
            `t60`.`t2`,
            `t60`.`t3`,
            `t60`.`_depth`,
            `t60`.`person_id`,
            `t14`.`person_id` AS `person_id_right`,
            `t14`.`persona`,
            `t14`.`stage`
          FROM (
            SELECT
              `t58`.`unit`,
              `t58`.`_bd` AS `channel`,
              `t58`.`_cand`,
              `t58`.`_start`,
              `t58`.`_entry`,
              `t58`.`t0`,
              `t58`.`t1`,
              `t58`.`t2`,
              `t58`.`t3`,
              `t58`.`_depth`,
              REGEXP_EXTRACT(`t58`.`unit`, '^(.*):[0-9]+$') AS `person_id`
            FROM (
              SELECT
                `t57`.`unit`,
                `t57`.`_bd`,
                `t57`.`_cand`,
                `t57`.`_start`,
                `t57`.`_entry`,
                `t57`.`t0`,
                `t57`.`t1`,
                `t57`.`t2`,
                `t57`.`t3`,
                `t57`.`_depth`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t55`.`unit`,
                    `t55`.`_bd`,
                    `t55`.`_cand`,
                    `t55`.`_start`,
                    `t55`.`_entry`,
                    `t55`.`t0`,
                    `t55`.`t1`,
                    `t55`.`t2`,
                    `t55`.`t3`,
                    `t55`.`_depth`,
                    ROW_NUMBER() OVER (
                      PARTITION BY `t55`.`unit`
                      ORDER BY `t55`.`_depth` DESC, `t55`.`_entry` ASC NULLS LAST, `t55`.`_cand` ASC NULLS LAST
                    ) - 1 AS `_rank`
                  FROM (
                    SELECT
                      `t54`.`unit`,
                      `t54`.`_bd`,
                      `t54`.`_cand`,
                      0 AS `_start`,
                      `t54`.`_entry`,
                      `t54`.`t0`,
                      `t54`.`t1`,
                      `t54`.`t2`,
                      `t54`.`t3`,
                      CAST(`t54`.`t0` IS NOT NULL AS BIGINT) + CAST(`t54`.`t1` IS NOT NULL AS BIGINT) + CAST(`t54`.`t2` IS NOT NULL AS BIGINT) + CAST(`t54`.`t3` IS NOT NULL AS BIGINT) AS `_depth`
                    FROM (
                      SELECT
                        `t53`.`unit`,
                        `t53`.`_bd`,
                        `t53`.`_cand`,
                        `t53`.`_entry`,
                        `t53`.`t0`,
                        `t53`.`p0`,
                        `t53`.`_prev_t`,
                        `t53`.`_prev_p`,
                        `t53`.`t1`,
                        `t53`.`p1`,
                        `t53`.`t2`,
                        `t53`.`p2`,
                        `t53`.`t3`,
                        `t53`.`p3`
                      FROM (
                        SELECT
                          `t48`.`unit`,
                          `t48`.`_bd`,
                          `t48`.`_cand`,
                          `t48`.`_entry`,
                          `t48`.`t0`,
                          `t48`.`p0`,
                          `t48`.`_prev_t`,
                          `t48`.`_prev_p`,
                          `t48`.`t1`,
                          `t48`.`p1`,
                          `t48`.`t2`,
                          `t48`.`p2`,
                          `t52`.`unit` AS `unit_right`,
                          `t52`.`_cand` AS `_cand_right`,
                          `t52`.`t3`,
                          `t52`.`p3`
                        FROM (
                          SELECT
                            `t44`.`unit`,
                            `t44`.`_bd`,
                            `t44`.`_cand`,
                            `t44`.`_entry`,
                            `t44`.`t0`,
                            `t44`.`p0`,
                            `t44`.`t2` AS `_prev_t`,
                            `t44`.`p2` AS `_prev_p`,
                            `t44`.`t1`,
                            `t44`.`p1`,
                            `t44`.`t2`,
                            `t44`.`p2`
                          FROM (
                            SELECT
                              `t43`.`unit`,
                              `t43`.`_bd`,
                              `t43`.`_cand`,
                              `t43`.`_entry`,
                              `t43`.`t0`,
                              `t43`.`p0`,
                              `t43`.`_prev_t`,
                              `t43`.`_prev_p`,
                              `t43`.`t1`,
                              `t43`.`p1`,
                              `t43`.`t2`,
                              `t43`.`p2`
                            FROM (
                              SELECT
                                `t37`.`unit`,
                                `t37`.`_bd`,
                                `t37`.`_cand`,
                                `t37`.`_entry`,
                                `t37`.`t0`,
                                `t37`.`p0`,
                                `t37`.`_prev_t`,
                                `t37`.`_prev_p`,
                                `t37`.`t1`,
                                `t37`.`p1`,
                                `t42`.`unit` AS `unit_right`,
                                `t42`.`_cand` AS `_cand_right`,
                                `t42`.`t2`,
                                `t42`.`p2`
                              FROM (
                                SELECT
                                  `t34`.`unit`,
                                  `t34`.`_bd`,
                                  `t34`.`_cand`,
                                  `t34`.`_entry`,
                                  `t34`.`t0`,
                                  `t34`.`p0`,
                                  `t34`.`t1` AS `_prev_t`,
                                  `t34`.`p1` AS `_prev_p`,
                                  `t34`.`t1`,
                                  `t34`.`p1`
                                FROM (
                                  SELECT
                                    `t33`.`unit`,
                                    `t33`.`_bd`,
                                    `t33`.`_cand`,
                                    `t33`.`_entry`,
                                    `t33`.`t0`,
                                    `t33`.`p0`,
                                    `t33`.`_prev_t`,
                                    `t33`.`_prev_p`,
                                    `t33`.`t1`,
                                    `t33`.`p1`
                                  FROM (
                                    SELECT
                                      `t27`.`unit`,
                                      `t27`.`_bd`,
                                      `t27`.`_cand`,
                                      `t27`.`_entry`,
                                      `t27`.`t0`,
                                      `t27`.`p0`,
                                      `t27`.`_prev_t`,
                                      `t27`.`_prev_p`,
                                      `t32`.`unit` AS `unit_right`,
                                      `t32`.`_cand` AS `_cand_right`,
                                      `t32`.`t1`,
                                      `t32`.`p1`
                                    FROM (
                                      SELECT
                                        `t24`.`unit`,
                                        `t24`.`_bd`,
                                        `t24`.`pos` AS `_cand`,
                                        `t24`.`at` AS `_entry`,
                                        `t24`.`at` AS `t0`,
                                        `t24`.`pos` AS `p0`,
                                        `t24`.`at` AS `_prev_t`,
                                        `t24`.`pos` AS `_prev_p`
                                      FROM (
                                        SELECT
                                          `t23`.`person_id`,
                                          `t23`.`at`,
                                          `t23`.`source`,
                                          `t23`.`ref`,
                                          `t23`.`touchpoint`,
                                          `t23`.`channel`,
                                          `t23`.`device`,
                                          `t23`.`stage`,
                                          `t23`.`is_conversion`,
                                          `t23`.`value`,
                                          `t23`.`sentiment`,
                                          `t23`.`switch`,
                                          `t23`.`journey_id`,
                                          `t23`.`session_id`,
                                          `t23`.`step`,
                                          `t23`.`unit`,
                                          `t23`.`pos`,
                                          `t23`.`_bd`,
                                          `t23`.`_k`
                                        FROM (
                                          SELECT
                                            *
                                          FROM (
                                            SELECT
                                              `t21`.`person_id`,
                                              `t21`.`at`,
                                              `t21`.`source`,
                                              `t21`.`ref`,
                                              `t21`.`touchpoint`,
                                              `t21`.`channel`,
                                              `t21`.`device`,
                                              `t21`.`stage`,
                                              `t21`.`is_conversion`,
                                              `t21`.`value`,
                                              `t21`.`sentiment`,
                                              `t21`.`switch`,
                                              `t21`.`journey_id`,
                                              `t21`.`session_id`,
                                              `t21`.`step`,
                                              `t21`.`unit`,
                                              `t21`.`pos`,
                                              `t21`.`_bd`,
                                              `t21`.`_k`,
                                              MIN(`t21`.`pos`) OVER (
                                                PARTITION BY `t21`.`unit`
                                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                              ) AS `_fp`
                                            FROM (
                                              SELECT
                                                `t12`.`person_id`,
                                                `t12`.`at`,
                                                `t12`.`source`,
                                                `t12`.`ref`,
                                                `t12`.`touchpoint`,
                                                `t12`.`channel`,
                                                `t12`.`device`,
                                                `t12`.`stage`,
                                                `t12`.`is_conversion`,
                                                `t12`.`value`,
                                                `t12`.`sentiment`,
                                                `t12`.`switch`,
                                                `t12`.`journey_id`,
                                                `t12`.`session_id`,
                                                `t12`.`step`,
                                                `t12`.`unit`,
                                                `t12`.`pos`,
                                                `t12`.`channel` AS `_bd`,
                                                CASE
                                                  WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                  THEN 0
                                                  WHEN `t12`.`touchpoint` IN ('Product Added')
                                                  THEN 1
                                                  WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                  THEN 2
                                                  WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                  THEN 3
                                                  ELSE -1
                                                END AS `_k`
                                              FROM `t11` AS `t12`
                                              WHERE
                                                `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                AND CASE
                                                  WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                  THEN 0
                                                  WHEN `t12`.`touchpoint` IN ('Product Added')
                                                  THEN 1
                                                  WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                  THEN 2
                                                  WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                  THEN 3
                                                  ELSE -1
                                                END = 0
                                            ) AS `t21`
                                          ) AS `t22`
                                          WHERE
                                            `t22`.`pos` = `t22`.`_fp`
                                        ) AS `t23`
                                      ) AS `t24`
                                      WHERE
                                        `t24`.`_k` = 0
                                    ) AS `t27`
                                    LEFT OUTER JOIN (
                                      SELECT
                                        `t30`.`unit`,
                                        `t30`.`_cand`,
                                        MIN(`t30`.`_at`) AS `t1`,
                                        MIN_BY(`t30`.`_pos`, `t30`.`_at`) AS `p1`
                                      FROM (
                                        SELECT
                                          *
                                        FROM (
                                          SELECT
                                            `t28`.`unit`,
                                            `t28`.`_cand`,
                                            `t28`.`_entry`,
                                            `t28`.`_prev_t`,
                                            `t28`.`_prev_p`,
                                            `t20`.`_at`,
                                            `t20`.`_pos`
                                          FROM (
                                            SELECT
                                              `t24`.`unit`,
                                              `t24`.`pos` AS `_cand`,
                                              `t24`.`at` AS `_entry`,
                                              `t24`.`at` AS `_prev_t`,
                                              `t24`.`pos` AS `_prev_p`
                                            FROM (
                                              SELECT
                                                `t23`.`person_id`,
                                                `t23`.`at`,
                                                `t23`.`source`,
                                                `t23`.`ref`,
                                                `t23`.`touchpoint`,
                                                `t23`.`channel`,
                                                `t23`.`device`,
                                                `t23`.`stage`,
                                                `t23`.`is_conversion`,
                                                `t23`.`value`,
                                                `t23`.`sentiment`,
                                                `t23`.`switch`,
                                                `t23`.`journey_id`,
                                                `t23`.`session_id`,
                                                `t23`.`step`,
                                                `t23`.`unit`,
                                                `t23`.`pos`,
                                                `t23`.`_bd`,
                                                `t23`.`_k`
                                              FROM (
                                                SELECT
                                                  *
                                                FROM (
                                                  SELECT
                                                    `t21`.`person_id`,
                                                    `t21`.`at`,
                                                    `t21`.`source`,
                                                    `t21`.`ref`,
                                                    `t21`.`touchpoint`,
                                                    `t21`.`channel`,
                                                    `t21`.`device`,
                                                    `t21`.`stage`,
                                                    `t21`.`is_conversion`,
                                                    `t21`.`value`,
                                                    `t21`.`sentiment`,
                                                    `t21`.`switch`,
                                                    `t21`.`journey_id`,
                                                    `t21`.`session_id`,
                                                    `t21`.`step`,
                                                    `t21`.`unit`,
                                                    `t21`.`pos`,
                                                    `t21`.`_bd`,
                                                    `t21`.`_k`,
                                                    MIN(`t21`.`pos`) OVER (
                                                      PARTITION BY `t21`.`unit`
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                    ) AS `_fp`
                                                  FROM (
                                                    SELECT
                                                      `t12`.`person_id`,
                                                      `t12`.`at`,
                                                      `t12`.`source`,
                                                      `t12`.`ref`,
                                                      `t12`.`touchpoint`,
                                                      `t12`.`channel`,
                                                      `t12`.`device`,
                                                      `t12`.`stage`,
                                                      `t12`.`is_conversion`,
                                                      `t12`.`value`,
                                                      `t12`.`sentiment`,
                                                      `t12`.`switch`,
                                                      `t12`.`journey_id`,
                                                      `t12`.`session_id`,
                                                      `t12`.`step`,
                                                      `t12`.`unit`,
                                                      `t12`.`pos`,
                                                      `t12`.`channel` AS `_bd`,
                                                      CASE
                                                        WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                        THEN 0
                                                        WHEN `t12`.`touchpoint` IN ('Product Added')
                                                        THEN 1
                                                        WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                        THEN 2
                                                        WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                        THEN 3
                                                        ELSE -1
                                                      END AS `_k`
                                                    FROM `t11` AS `t12`
                                                    WHERE
                                                      `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                      AND CASE
                                                        WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                        THEN 0
                                                        WHEN `t12`.`touchpoint` IN ('Product Added')
                                                        THEN 1
                                                        WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                        THEN 2
                                                        WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                        THEN 3
                                                        ELSE -1
                                                      END = 0
                                                  ) AS `t21`
                                                ) AS `t22`
                                                WHERE
                                                  `t22`.`pos` = `t22`.`_fp`
                                              ) AS `t23`
                                            ) AS `t24`
                                            WHERE
                                              `t24`.`_k` = 0
                                          ) AS `t28`
                                          INNER JOIN (
                                            SELECT
                                              `t12`.`unit`,
                                              `t12`.`at` AS `_at`,
                                              `t12`.`pos` AS `_pos`
                                            FROM `t11` AS `t12`
                                            WHERE
                                              `t12`.`touchpoint` IN ('Product Added')
                                          ) AS `t20`
                                            ON `t28`.`unit` = `t20`.`unit`
                                        ) AS `t29`
                                        WHERE
                                          `t29`.`_pos` > `t29`.`_prev_p`
                                          AND (
                                            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                          ) <= 604800
                                      ) AS `t30`
                                      GROUP BY
                                        1,
                                        2
                                    ) AS `t32`
                                      ON `t27`.`unit` = `t32`.`unit` AND `t27`.`_cand` = `t32`.`_cand`
                                  ) AS `t33`
                                ) AS `t34`
                              ) AS `t37`
                              LEFT OUTER JOIN (
                                SELECT
                                  `t40`.`unit`,
                                  `t40`.`_cand`,
                                  MIN(`t40`.`_at`) AS `t2`,
                                  MIN_BY(`t40`.`_pos`, `t40`.`_at`) AS `p2`
                                FROM (
                                  SELECT
                                    *
                                  FROM (
                                    SELECT
                                      `t38`.`unit`,
                                      `t38`.`_cand`,
                                      `t38`.`_entry`,
                                      `t38`.`_prev_t`,
                                      `t38`.`_prev_p`,
                                      `t19`.`_at`,
                                      `t19`.`_pos`
                                    FROM (
                                      SELECT
                                        `t34`.`unit`,
                                        `t34`.`_cand`,
                                        `t34`.`_entry`,
                                        `t34`.`t1` AS `_prev_t`,
                                        `t34`.`p1` AS `_prev_p`
                                      FROM (
                                        SELECT
                                          `t33`.`unit`,
                                          `t33`.`_bd`,
                                          `t33`.`_cand`,
                                          `t33`.`_entry`,
                                          `t33`.`t0`,
                                          `t33`.`p0`,
                                          `t33`.`_prev_t`,
                                          `t33`.`_prev_p`,
                                          `t33`.`t1`,
                                          `t33`.`p1`
                                        FROM (
                                          SELECT
                                            `t27`.`unit`,
                                            `t27`.`_bd`,
                                            `t27`.`_cand`,
                                            `t27`.`_entry`,
                                            `t27`.`t0`,
                                            `t27`.`p0`,
                                            `t27`.`_prev_t`,
                                            `t27`.`_prev_p`,
                                            `t32`.`unit` AS `unit_right`,
                                            `t32`.`_cand` AS `_cand_right`,
                                            `t32`.`t1`,
                                            `t32`.`p1`
                                          FROM (
                                            SELECT
                                              `t24`.`unit`,
                                              `t24`.`_bd`,
                                              `t24`.`pos` AS `_cand`,
                                              `t24`.`at` AS `_entry`,
                                              `t24`.`at` AS `t0`,
                                              `t24`.`pos` AS `p0`,
                                              `t24`.`at` AS `_prev_t`,
                                              `t24`.`pos` AS `_prev_p`
                                            FROM (
                                              SELECT
                                                `t23`.`person_id`,
                                                `t23`.`at`,
                                                `t23`.`source`,
                                                `t23`.`ref`,
                                                `t23`.`touchpoint`,
                                                `t23`.`channel`,
                                                `t23`.`device`,
                                                `t23`.`stage`,
                                                `t23`.`is_conversion`,
                                                `t23`.`value`,
                                                `t23`.`sentiment`,
                                                `t23`.`switch`,
                                                `t23`.`journey_id`,
                                                `t23`.`session_id`,
                                                `t23`.`step`,
                                                `t23`.`unit`,
                                                `t23`.`pos`,
                                                `t23`.`_bd`,
                                                `t23`.`_k`
                                              FROM (
                                                SELECT
                                                  *
                                                FROM (
                                                  SELECT
                                                    `t21`.`person_id`,
                                                    `t21`.`at`,
                                                    `t21`.`source`,
                                                    `t21`.`ref`,
                                                    `t21`.`touchpoint`,
                                                    `t21`.`channel`,
                                                    `t21`.`device`,
                                                    `t21`.`stage`,
                                                    `t21`.`is_conversion`,
                                                    `t21`.`value`,
                                                    `t21`.`sentiment`,
                                                    `t21`.`switch`,
                                                    `t21`.`journey_id`,
                                                    `t21`.`session_id`,
                                                    `t21`.`step`,
                                                    `t21`.`unit`,
                                                    `t21`.`pos`,
                                                    `t21`.`_bd`,
                                                    `t21`.`_k`,
                                                    MIN(`t21`.`pos`) OVER (
                                                      PARTITION BY `t21`.`unit`
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                    ) AS `_fp`
                                                  FROM (
                                                    SELECT
                                                      `t12`.`person_id`,
                                                      `t12`.`at`,
                                                      `t12`.`source`,
                                                      `t12`.`ref`,
                                                      `t12`.`touchpoint`,
                                                      `t12`.`channel`,
                                                      `t12`.`device`,
                                                      `t12`.`stage`,
                                                      `t12`.`is_conversion`,
                                                      `t12`.`value`,
                                                      `t12`.`sentiment`,
                                                      `t12`.`switch`,
                                                      `t12`.`journey_id`,
                                                      `t12`.`session_id`,
                                                      `t12`.`step`,
                                                      `t12`.`unit`,
                                                      `t12`.`pos`,
                                                      `t12`.`channel` AS `_bd`,
                                                      CASE
                                                        WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                        THEN 0
                                                        WHEN `t12`.`touchpoint` IN ('Product Added')
                                                        THEN 1
                                                        WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                        THEN 2
                                                        WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                        THEN 3
                                                        ELSE -1
                                                      END AS `_k`
                                                    FROM `t11` AS `t12`
                                                    WHERE
                                                      `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                      AND CASE
                                                        WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                        THEN 0
                                                        WHEN `t12`.`touchpoint` IN ('Product Added')
                                                        THEN 1
                                                        WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                        THEN 2
                                                        WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                        THEN 3
                                                        ELSE -1
                                                      END = 0
                                                  ) AS `t21`
                                                ) AS `t22`
                                                WHERE
                                                  `t22`.`pos` = `t22`.`_fp`
                                              ) AS `t23`
                                            ) AS `t24`
                                            WHERE
                                              `t24`.`_k` = 0
                                          ) AS `t27`
                                          LEFT OUTER JOIN (
                                            SELECT
                                              `t30`.`unit`,
                                              `t30`.`_cand`,
                                              MIN(`t30`.`_at`) AS `t1`,
                                              MIN_BY(`t30`.`_pos`, `t30`.`_at`) AS `p1`
                                            FROM (
                                              SELECT
                                                *
                                              FROM (
                                                SELECT
                                                  `t28`.`unit`,
                                                  `t28`.`_cand`,
                                                  `t28`.`_entry`,
                                                  `t28`.`_prev_t`,
                                                  `t28`.`_prev_p`,
                                                  `t20`.`_at`,
                                                  `t20`.`_pos`
                                                FROM (
                                                  SELECT
                                                    `t24`.`unit`,
                                                    `t24`.`pos` AS `_cand`,
                                                    `t24`.`at` AS `_entry`,
                                                    `t24`.`at` AS `_prev_t`,
                                                    `t24`.`pos` AS `_prev_p`
                                                  FROM (
                                                    SELECT
                                                      `t23`.`person_id`,
                                                      `t23`.`at`,
                                                      `t23`.`source`,
                                                      `t23`.`ref`,
                                                      `t23`.`touchpoint`,
                                                      `t23`.`channel`,
                                                      `t23`.`device`,
                                                      `t23`.`stage`,
                                                      `t23`.`is_conversion`,
                                                      `t23`.`value`,
                                                      `t23`.`sentiment`,
                                                      `t23`.`switch`,
                                                      `t23`.`journey_id`,
                                                      `t23`.`session_id`,
                                                      `t23`.`step`,
                                                      `t23`.`unit`,
                                                      `t23`.`pos`,
                                                      `t23`.`_bd`,
                                                      `t23`.`_k`
                                                    FROM (
                                                      SELECT
                                                        *
                                                      FROM (
                                                        SELECT
                                                          `t21`.`person_id`,
                                                          `t21`.`at`,
                                                          `t21`.`source`,
                                                          `t21`.`ref`,
                                                          `t21`.`touchpoint`,
                                                          `t21`.`channel`,
                                                          `t21`.`device`,
                                                          `t21`.`stage`,
                                                          `t21`.`is_conversion`,
                                                          `t21`.`value`,
                                                          `t21`.`sentiment`,
                                                          `t21`.`switch`,
                                                          `t21`.`journey_id`,
                                                          `t21`.`session_id`,
                                                          `t21`.`step`,
                                                          `t21`.`unit`,
                                                          `t21`.`pos`,
                                                          `t21`.`_bd`,
                                                          `t21`.`_k`,
                                                          MIN(`t21`.`pos`) OVER (
                                                            PARTITION BY `t21`.`unit`
                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                          ) AS `_fp`
                                                        FROM (
                                                          SELECT
                                                            `t12`.`person_id`,
                                                            `t12`.`at`,
                                                            `t12`.`source`,
                                                            `t12`.`ref`,
                                                            `t12`.`touchpoint`,
                                                            `t12`.`channel`,
                                                            `t12`.`device`,
                                                            `t12`.`stage`,
                                                            `t12`.`is_conversion`,
                                                            `t12`.`value`,
                                                            `t12`.`sentiment`,
                                                            `t12`.`switch`,
                                                            `t12`.`journey_id`,
                                                            `t12`.`session_id`,
                                                            `t12`.`step`,
                                                            `t12`.`unit`,
                                                            `t12`.`pos`,
                                                            `t12`.`channel` AS `_bd`,
                                                            CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END AS `_k`
                                                          FROM `t11` AS `t12`
                                                          WHERE
                                                            `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                            AND CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END = 0
                                                        ) AS `t21`
                                                      ) AS `t22`
                                                      WHERE
                                                        `t22`.`pos` = `t22`.`_fp`
                                                    ) AS `t23`
                                                  ) AS `t24`
                                                  WHERE
                                                    `t24`.`_k` = 0
                                                ) AS `t28`
                                                INNER JOIN (
                                                  SELECT
                                                    `t12`.`unit`,
                                                    `t12`.`at` AS `_at`,
                                                    `t12`.`pos` AS `_pos`
                                                  FROM `t11` AS `t12`
                                                  WHERE
                                                    `t12`.`touchpoint` IN ('Product Added')
                                                ) AS `t20`
                                                  ON `t28`.`unit` = `t20`.`unit`
                                              ) AS `t29`
                                              WHERE
                                                `t29`.`_pos` > `t29`.`_prev_p`
                                                AND (
                                                  CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                                ) <= 604800
                                            ) AS `t30`
                                            GROUP BY
                                              1,
                                              2
                                          ) AS `t32`
                                            ON `t27`.`unit` = `t32`.`unit` AND `t27`.`_cand` = `t32`.`_cand`
                                        ) AS `t33`
                                      ) AS `t34`
                                    ) AS `t38`
                                    INNER JOIN (
                                      SELECT
                                        `t12`.`unit`,
                                        `t12`.`at` AS `_at`,
                                        `t12`.`pos` AS `_pos`
                                      FROM `t11` AS `t12`
                                      WHERE
                                        `t12`.`touchpoint` IN ('Checkout Started')
                                    ) AS `t19`
                                      ON `t38`.`unit` = `t19`.`unit`
                                  ) AS `t39`
                                  WHERE
                                    `t39`.`_pos` > `t39`.`_prev_p`
                                    AND (
                                      CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t39`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t39`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                    ) <= 604800
                                ) AS `t40`
                                GROUP BY
                                  1,
                                  2
                              ) AS `t42`
                                ON `t37`.`unit` = `t42`.`unit` AND `t37`.`_cand` = `t42`.`_cand`
                            ) AS `t43`
                          ) AS `t44`
                        ) AS `t48`
                        LEFT OUTER JOIN (
                          SELECT
                            `t50`.`unit`,
                            `t50`.`_cand`,
                            MIN(`t50`.`_at`) AS `t3`,
                            MIN_BY(`t50`.`_pos`, `t50`.`_at`) AS `p3`
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                `t47`.`unit`,
                                `t47`.`_cand`,
                                `t47`.`_entry`,
                                `t47`.`_prev_t`,
                                `t47`.`_prev_p`,
                                `t18`.`_at`,
                                `t18`.`_pos`
                              FROM (
                                SELECT
                                  `t44`.`unit`,
                                  `t44`.`_cand`,
                                  `t44`.`_entry`,
                                  `t44`.`t2` AS `_prev_t`,
                                  `t44`.`p2` AS `_prev_p`
                                FROM (
                                  SELECT
                                    `t43`.`unit`,
                                    `t43`.`_bd`,
                                    `t43`.`_cand`,
                                    `t43`.`_entry`,
                                    `t43`.`t0`,
                                    `t43`.`p0`,
                                    `t43`.`_prev_t`,
                                    `t43`.`_prev_p`,
                                    `t43`.`t1`,
                                    `t43`.`p1`,
                                    `t43`.`t2`,
                                    `t43`.`p2`
                                  FROM (
                                    SELECT
                                      `t37`.`unit`,
                                      `t37`.`_bd`,
                                      `t37`.`_cand`,
                                      `t37`.`_entry`,
                                      `t37`.`t0`,
                                      `t37`.`p0`,
                                      `t37`.`_prev_t`,
                                      `t37`.`_prev_p`,
                                      `t37`.`t1`,
                                      `t37`.`p1`,
                                      `t42`.`unit` AS `unit_right`,
                                      `t42`.`_cand` AS `_cand_right`,
                                      `t42`.`t2`,
                                      `t42`.`p2`
                                    FROM (
                                      SELECT
                                        `t34`.`unit`,
                                        `t34`.`_bd`,
                                        `t34`.`_cand`,
                                        `t34`.`_entry`,
                                        `t34`.`t0`,
                                        `t34`.`p0`,
                                        `t34`.`t1` AS `_prev_t`,
                                        `t34`.`p1` AS `_prev_p`,
                                        `t34`.`t1`,
                                        `t34`.`p1`
                                      FROM (
                                        SELECT
                                          `t33`.`unit`,
                                          `t33`.`_bd`,
                                          `t33`.`_cand`,
                                          `t33`.`_entry`,
                                          `t33`.`t0`,
                                          `t33`.`p0`,
                                          `t33`.`_prev_t`,
                                          `t33`.`_prev_p`,
                                          `t33`.`t1`,
                                          `t33`.`p1`
                                        FROM (
                                          SELECT
                                            `t27`.`unit`,
                                            `t27`.`_bd`,
                                            `t27`.`_cand`,
                                            `t27`.`_entry`,
                                            `t27`.`t0`,
                                            `t27`.`p0`,
                                            `t27`.`_prev_t`,
                                            `t27`.`_prev_p`,
                                            `t32`.`unit` AS `unit_right`,
                                            `t32`.`_cand` AS `_cand_right`,
                                            `t32`.`t1`,
                                            `t32`.`p1`
                                          FROM (
                                            SELECT
                                              `t24`.`unit`,
                                              `t24`.`_bd`,
                                              `t24`.`pos` AS `_cand`,
                                              `t24`.`at` AS `_entry`,
                                              `t24`.`at` AS `t0`,
                                              `t24`.`pos` AS `p0`,
                                              `t24`.`at` AS `_prev_t`,
                                              `t24`.`pos` AS `_prev_p`
                                            FROM (
                                              SELECT
                                                `t23`.`person_id`,
                                                `t23`.`at`,
                                                `t23`.`source`,
                                                `t23`.`ref`,
                                                `t23`.`touchpoint`,
                                                `t23`.`channel`,
                                                `t23`.`device`,
                                                `t23`.`stage`,
                                                `t23`.`is_conversion`,
                                                `t23`.`value`,
                                                `t23`.`sentiment`,
                                                `t23`.`switch`,
                                                `t23`.`journey_id`,
                                                `t23`.`session_id`,
                                                `t23`.`step`,
                                                `t23`.`unit`,
                                                `t23`.`pos`,
                                                `t23`.`_bd`,
                                                `t23`.`_k`
                                              FROM (
                                                SELECT
                                                  *
                                                FROM (
                                                  SELECT
                                                    `t21`.`person_id`,
                                                    `t21`.`at`,
                                                    `t21`.`source`,
                                                    `t21`.`ref`,
                                                    `t21`.`touchpoint`,
                                                    `t21`.`channel`,
                                                    `t21`.`device`,
                                                    `t21`.`stage`,
                                                    `t21`.`is_conversion`,
                                                    `t21`.`value`,
                                                    `t21`.`sentiment`,
                                                    `t21`.`switch`,
                                                    `t21`.`journey_id`,
                                                    `t21`.`session_id`,
                                                    `t21`.`step`,
                                                    `t21`.`unit`,
                                                    `t21`.`pos`,
                                                    `t21`.`_bd`,
                                                    `t21`.`_k`,
                                                    MIN(`t21`.`pos`) OVER (
                                                      PARTITION BY `t21`.`unit`
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                    ) AS `_fp`
                                                  FROM (
                                                    SELECT
                                                      `t12`.`person_id`,
                                                      `t12`.`at`,
                                                      `t12`.`source`,
                                                      `t12`.`ref`,
                                                      `t12`.`touchpoint`,
                                                      `t12`.`channel`,
                                                      `t12`.`device`,
                                                      `t12`.`stage`,
                                                      `t12`.`is_conversion`,
                                                      `t12`.`value`,
                                                      `t12`.`sentiment`,
                                                      `t12`.`switch`,
                                                      `t12`.`journey_id`,
                                                      `t12`.`session_id`,
                                                      `t12`.`step`,
                                                      `t12`.`unit`,
                                                      `t12`.`pos`,
                                                      `t12`.`channel` AS `_bd`,
                                                      CASE
                                                        WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                        THEN 0
                                                        WHEN `t12`.`touchpoint` IN ('Product Added')
                                                        THEN 1
                                                        WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                        THEN 2
                                                        WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                        THEN 3
                                                        ELSE -1
                                                      END AS `_k`
                                                    FROM `t11` AS `t12`
                                                    WHERE
                                                      `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                      AND CASE
                                                        WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                        THEN 0
                                                        WHEN `t12`.`touchpoint` IN ('Product Added')
                                                        THEN 1
                                                        WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                        THEN 2
                                                        WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                        THEN 3
                                                        ELSE -1
                                                      END = 0
                                                  ) AS `t21`
                                                ) AS `t22`
                                                WHERE
                                                  `t22`.`pos` = `t22`.`_fp`
                                              ) AS `t23`
                                            ) AS `t24`
                                            WHERE
                                              `t24`.`_k` = 0
                                          ) AS `t27`
                                          LEFT OUTER JOIN (
                                            SELECT
                                              `t30`.`unit`,
                                              `t30`.`_cand`,
                                              MIN(`t30`.`_at`) AS `t1`,
                                              MIN_BY(`t30`.`_pos`, `t30`.`_at`) AS `p1`
                                            FROM (
                                              SELECT
                                                *
                                              FROM (
                                                SELECT
                                                  `t28`.`unit`,
                                                  `t28`.`_cand`,
                                                  `t28`.`_entry`,
                                                  `t28`.`_prev_t`,
                                                  `t28`.`_prev_p`,
                                                  `t20`.`_at`,
                                                  `t20`.`_pos`
                                                FROM (
                                                  SELECT
                                                    `t24`.`unit`,
                                                    `t24`.`pos` AS `_cand`,
                                                    `t24`.`at` AS `_entry`,
                                                    `t24`.`at` AS `_prev_t`,
                                                    `t24`.`pos` AS `_prev_p`
                                                  FROM (
                                                    SELECT
                                                      `t23`.`person_id`,
                                                      `t23`.`at`,
                                                      `t23`.`source`,
                                                      `t23`.`ref`,
                                                      `t23`.`touchpoint`,
                                                      `t23`.`channel`,
                                                      `t23`.`device`,
                                                      `t23`.`stage`,
                                                      `t23`.`is_conversion`,
                                                      `t23`.`value`,
                                                      `t23`.`sentiment`,
                                                      `t23`.`switch`,
                                                      `t23`.`journey_id`,
                                                      `t23`.`session_id`,
                                                      `t23`.`step`,
                                                      `t23`.`unit`,
                                                      `t23`.`pos`,
                                                      `t23`.`_bd`,
                                                      `t23`.`_k`
                                                    FROM (
                                                      SELECT
                                                        *
                                                      FROM (
                                                        SELECT
                                                          `t21`.`person_id`,
                                                          `t21`.`at`,
                                                          `t21`.`source`,
                                                          `t21`.`ref`,
                                                          `t21`.`touchpoint`,
                                                          `t21`.`channel`,
                                                          `t21`.`device`,
                                                          `t21`.`stage`,
                                                          `t21`.`is_conversion`,
                                                          `t21`.`value`,
                                                          `t21`.`sentiment`,
                                                          `t21`.`switch`,
                                                          `t21`.`journey_id`,
                                                          `t21`.`session_id`,
                                                          `t21`.`step`,
                                                          `t21`.`unit`,
                                                          `t21`.`pos`,
                                                          `t21`.`_bd`,
                                                          `t21`.`_k`,
                                                          MIN(`t21`.`pos`) OVER (
                                                            PARTITION BY `t21`.`unit`
                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                          ) AS `_fp`
                                                        FROM (
                                                          SELECT
                                                            `t12`.`person_id`,
                                                            `t12`.`at`,
                                                            `t12`.`source`,
                                                            `t12`.`ref`,
                                                            `t12`.`touchpoint`,
                                                            `t12`.`channel`,
                                                            `t12`.`device`,
                                                            `t12`.`stage`,
                                                            `t12`.`is_conversion`,
                                                            `t12`.`value`,
                                                            `t12`.`sentiment`,
                                                            `t12`.`switch`,
                                                            `t12`.`journey_id`,
                                                            `t12`.`session_id`,
                                                            `t12`.`step`,
                                                            `t12`.`unit`,
                                                            `t12`.`pos`,
                                                            `t12`.`channel` AS `_bd`,
                                                            CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END AS `_k`
                                                          FROM `t11` AS `t12`
                                                          WHERE
                                                            `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                            AND CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END = 0
                                                        ) AS `t21`
                                                      ) AS `t22`
                                                      WHERE
                                                        `t22`.`pos` = `t22`.`_fp`
                                                    ) AS `t23`
                                                  ) AS `t24`
                                                  WHERE
                                                    `t24`.`_k` = 0
                                                ) AS `t28`
                                                INNER JOIN (
                                                  SELECT
                                                    `t12`.`unit`,
                                                    `t12`.`at` AS `_at`,
                                                    `t12`.`pos` AS `_pos`
                                                  FROM `t11` AS `t12`
                                                  WHERE
                                                    `t12`.`touchpoint` IN ('Product Added')
                                                ) AS `t20`
                                                  ON `t28`.`unit` = `t20`.`unit`
                                              ) AS `t29`
                                              WHERE
                                                `t29`.`_pos` > `t29`.`_prev_p`
                                                AND (
                                                  CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                                ) <= 604800
                                            ) AS `t30`
                                            GROUP BY
                                              1,
                                              2
                                          ) AS `t32`
                                            ON `t27`.`unit` = `t32`.`unit` AND `t27`.`_cand` = `t32`.`_cand`
                                        ) AS `t33`
                                      ) AS `t34`
                                    ) AS `t37`
                                    LEFT OUTER JOIN (
                                      SELECT
                                        `t40`.`unit`,
                                        `t40`.`_cand`,
                                        MIN(`t40`.`_at`) AS `t2`,
                                        MIN_BY(`t40`.`_pos`, `t40`.`_at`) AS `p2`
                                      FROM (
                                        SELECT
                                          *
                                        FROM (
                                          SELECT
                                            `t38`.`unit`,
                                            `t38`.`_cand`,
                                            `t38`.`_entry`,
                                            `t38`.`_prev_t`,
                                            `t38`.`_prev_p`,
                                            `t19`.`_at`,
                                            `t19`.`_pos`
                                          FROM (
                                            SELECT
                                              `t34`.`unit`,
                                              `t34`.`_cand`,
                                              `t34`.`_entry`,
                                              `t34`.`t1` AS `_prev_t`,
                                              `t34`.`p1` AS `_prev_p`
                                            FROM (
                                              SELECT
                                                `t33`.`unit`,
                                                `t33`.`_bd`,
                                                `t33`.`_cand`,
                                                `t33`.`_entry`,
                                                `t33`.`t0`,
                                                `t33`.`p0`,
                                                `t33`.`_prev_t`,
                                                `t33`.`_prev_p`,
                                                `t33`.`t1`,
                                                `t33`.`p1`
                                              FROM (
                                                SELECT
                                                  `t27`.`unit`,
                                                  `t27`.`_bd`,
                                                  `t27`.`_cand`,
                                                  `t27`.`_entry`,
                                                  `t27`.`t0`,
                                                  `t27`.`p0`,
                                                  `t27`.`_prev_t`,
                                                  `t27`.`_prev_p`,
                                                  `t32`.`unit` AS `unit_right`,
                                                  `t32`.`_cand` AS `_cand_right`,
                                                  `t32`.`t1`,
                                                  `t32`.`p1`
                                                FROM (
                                                  SELECT
                                                    `t24`.`unit`,
                                                    `t24`.`_bd`,
                                                    `t24`.`pos` AS `_cand`,
                                                    `t24`.`at` AS `_entry`,
                                                    `t24`.`at` AS `t0`,
                                                    `t24`.`pos` AS `p0`,
                                                    `t24`.`at` AS `_prev_t`,
                                                    `t24`.`pos` AS `_prev_p`
                                                  FROM (
                                                    SELECT
                                                      `t23`.`person_id`,
                                                      `t23`.`at`,
                                                      `t23`.`source`,
                                                      `t23`.`ref`,
                                                      `t23`.`touchpoint`,
                                                      `t23`.`channel`,
                                                      `t23`.`device`,
                                                      `t23`.`stage`,
                                                      `t23`.`is_conversion`,
                                                      `t23`.`value`,
                                                      `t23`.`sentiment`,
                                                      `t23`.`switch`,
                                                      `t23`.`journey_id`,
                                                      `t23`.`session_id`,
                                                      `t23`.`step`,
                                                      `t23`.`unit`,
                                                      `t23`.`pos`,
                                                      `t23`.`_bd`,
                                                      `t23`.`_k`
                                                    FROM (
                                                      SELECT
                                                        *
                                                      FROM (
                                                        SELECT
                                                          `t21`.`person_id`,
                                                          `t21`.`at`,
                                                          `t21`.`source`,
                                                          `t21`.`ref`,
                                                          `t21`.`touchpoint`,
                                                          `t21`.`channel`,
                                                          `t21`.`device`,
                                                          `t21`.`stage`,
                                                          `t21`.`is_conversion`,
                                                          `t21`.`value`,
                                                          `t21`.`sentiment`,
                                                          `t21`.`switch`,
                                                          `t21`.`journey_id`,
                                                          `t21`.`session_id`,
                                                          `t21`.`step`,
                                                          `t21`.`unit`,
                                                          `t21`.`pos`,
                                                          `t21`.`_bd`,
                                                          `t21`.`_k`,
                                                          MIN(`t21`.`pos`) OVER (
                                                            PARTITION BY `t21`.`unit`
                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                          ) AS `_fp`
                                                        FROM (
                                                          SELECT
                                                            `t12`.`person_id`,
                                                            `t12`.`at`,
                                                            `t12`.`source`,
                                                            `t12`.`ref`,
                                                            `t12`.`touchpoint`,
                                                            `t12`.`channel`,
                                                            `t12`.`device`,
                                                            `t12`.`stage`,
                                                            `t12`.`is_conversion`,
                                                            `t12`.`value`,
                                                            `t12`.`sentiment`,
                                                            `t12`.`switch`,
                                                            `t12`.`journey_id`,
                                                            `t12`.`session_id`,
                                                            `t12`.`step`,
                                                            `t12`.`unit`,
                                                            `t12`.`pos`,
                                                            `t12`.`channel` AS `_bd`,
                                                            CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END AS `_k`
                                                          FROM `t11` AS `t12`
                                                          WHERE
                                                            `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                            AND CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END = 0
                                                        ) AS `t21`
                                                      ) AS `t22`
                                                      WHERE
                                                        `t22`.`pos` = `t22`.`_fp`
                                                    ) AS `t23`
                                                  ) AS `t24`
                                                  WHERE
                                                    `t24`.`_k` = 0
                                                ) AS `t27`
                                                LEFT OUTER JOIN (
                                                  SELECT
                                                    `t30`.`unit`,
                                                    `t30`.`_cand`,
                                                    MIN(`t30`.`_at`) AS `t1`,
                                                    MIN_BY(`t30`.`_pos`, `t30`.`_at`) AS `p1`
                                                  FROM (
                                                    SELECT
                                                      *
                                                    FROM (
                                                      SELECT
                                                        `t28`.`unit`,
                                                        `t28`.`_cand`,
                                                        `t28`.`_entry`,
                                                        `t28`.`_prev_t`,
                                                        `t28`.`_prev_p`,
                                                        `t20`.`_at`,
                                                        `t20`.`_pos`
                                                      FROM (
                                                        SELECT
                                                          `t24`.`unit`,
                                                          `t24`.`pos` AS `_cand`,
                                                          `t24`.`at` AS `_entry`,
                                                          `t24`.`at` AS `_prev_t`,
                                                          `t24`.`pos` AS `_prev_p`
                                                        FROM (
                                                          SELECT
                                                            `t23`.`person_id`,
                                                            `t23`.`at`,
                                                            `t23`.`source`,
                                                            `t23`.`ref`,
                                                            `t23`.`touchpoint`,
                                                            `t23`.`channel`,
                                                            `t23`.`device`,
                                                            `t23`.`stage`,
                                                            `t23`.`is_conversion`,
                                                            `t23`.`value`,
                                                            `t23`.`sentiment`,
                                                            `t23`.`switch`,
                                                            `t23`.`journey_id`,
                                                            `t23`.`session_id`,
                                                            `t23`.`step`,
                                                            `t23`.`unit`,
                                                            `t23`.`pos`,
                                                            `t23`.`_bd`,
                                                            `t23`.`_k`
                                                          FROM (
                                                            SELECT
                                                              *
                                                            FROM (
                                                              SELECT
                                                                `t21`.`person_id`,
                                                                `t21`.`at`,
                                                                `t21`.`source`,
                                                                `t21`.`ref`,
                                                                `t21`.`touchpoint`,
                                                                `t21`.`channel`,
                                                                `t21`.`device`,
                                                                `t21`.`stage`,
                                                                `t21`.`is_conversion`,
                                                                `t21`.`value`,
                                                                `t21`.`sentiment`,
                                                                `t21`.`switch`,
                                                                `t21`.`journey_id`,
                                                                `t21`.`session_id`,
                                                                `t21`.`step`,
                                                                `t21`.`unit`,
                                                                `t21`.`pos`,
                                                                `t21`.`_bd`,
                                                                `t21`.`_k`,
                                                                MIN(`t21`.`pos`) OVER (
                                                                  PARTITION BY `t21`.`unit`
                                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                                ) AS `_fp`
                                                              FROM (
                                                                SELECT
                                                                  `t12`.`person_id`,
                                                                  `t12`.`at`,
                                                                  `t12`.`source`,
                                                                  `t12`.`ref`,
                                                                  `t12`.`touchpoint`,
                                                                  `t12`.`channel`,
                                                                  `t12`.`device`,
                                                                  `t12`.`stage`,
                                                                  `t12`.`is_conversion`,
                                                                  `t12`.`value`,
                                                                  `t12`.`sentiment`,
                                                                  `t12`.`switch`,
                                                                  `t12`.`journey_id`,
                                                                  `t12`.`session_id`,
                                                                  `t12`.`step`,
                                                                  `t12`.`unit`,
                                                                  `t12`.`pos`,
                                                                  `t12`.`channel` AS `_bd`,
                                                                  CASE
                                                                    WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                    THEN 0
                                                                    WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                    THEN 1
                                                                    WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                    THEN 2
                                                                    WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                    THEN 3
                                                                    ELSE -1
                                                                  END AS `_k`
                                                                FROM `t11` AS `t12`
                                                                WHERE
                                                                  `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                                  AND CASE
                                                                    WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                    THEN 0
                                                                    WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                    THEN 1
                                                                    WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                    THEN 2
                                                                    WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                    THEN 3
                                                                    ELSE -1
                                                                  END = 0
                                                              ) AS `t21`
                                                            ) AS `t22`
                                                            WHERE
                                                              `t22`.`pos` = `t22`.`_fp`
                                                          ) AS `t23`
                                                        ) AS `t24`
                                                        WHERE
                                                          `t24`.`_k` = 0
                                                      ) AS `t28`
                                                      INNER JOIN (
                                                        SELECT
                                                          `t12`.`unit`,
                                                          `t12`.`at` AS `_at`,
                                                          `t12`.`pos` AS `_pos`
                                                        FROM `t11` AS `t12`
                                                        WHERE
                                                          `t12`.`touchpoint` IN ('Product Added')
                                                      ) AS `t20`
                                                        ON `t28`.`unit` = `t20`.`unit`
                                                    ) AS `t29`
                                                    WHERE
                                                      `t29`.`_pos` > `t29`.`_prev_p`
                                                      AND (
                                                        CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                                      ) <= 604800
                                                  ) AS `t30`
                                                  GROUP BY
                                                    1,
                                                    2
                                                ) AS `t32`
                                                  ON `t27`.`unit` = `t32`.`unit` AND `t27`.`_cand` = `t32`.`_cand`
                                              ) AS `t33`
                                            ) AS `t34`
                                          ) AS `t38`
                                          INNER JOIN (
                                            SELECT
                                              `t12`.`unit`,
                                              `t12`.`at` AS `_at`,
                                              `t12`.`pos` AS `_pos`
                                            FROM `t11` AS `t12`
                                            WHERE
                                              `t12`.`touchpoint` IN ('Checkout Started')
                                          ) AS `t19`
                                            ON `t38`.`unit` = `t19`.`unit`
                                        ) AS `t39`
                                        WHERE
                                          `t39`.`_pos` > `t39`.`_prev_p`
                                          AND (
                                            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t39`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t39`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                          ) <= 604800
                                      ) AS `t40`
                                      GROUP BY
                                        1,
                                        2
                                    ) AS `t42`
                                      ON `t37`.`unit` = `t42`.`unit` AND `t37`.`_cand` = `t42`.`_cand`
                                  ) AS `t43`
                                ) AS `t44`
                              ) AS `t47`
                              INNER JOIN (
                                SELECT
                                  `t12`.`unit`,
                                  `t12`.`at` AS `_at`,
                                  `t12`.`pos` AS `_pos`
                                FROM `t11` AS `t12`
                                WHERE
                                  `t12`.`touchpoint` IN ('Order Completed')
                              ) AS `t18`
                                ON `t47`.`unit` = `t18`.`unit`
                            ) AS `t49`
                            WHERE
                              `t49`.`_pos` > `t49`.`_prev_p`
                              AND (
                                CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t49`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t49`.`_entry` AS TIMESTAMP))) AS BIGINT)
                              ) <= 604800
                          ) AS `t50`
                          GROUP BY
                            1,
                            2
                        ) AS `t52`
                          ON `t48`.`unit` = `t52`.`unit` AND `t48`.`_cand` = `t52`.`_cand`
                      ) AS `t53`
                    ) AS `t54`
                  ) AS `t55`
                ) AS `t56`
                WHERE
                  `t56`.`_rank` = 0
              ) AS `t57`
            ) AS `t58`
          ) AS `t60`
          LEFT OUTER JOIN (
            SELECT
              COALESCE(`t10`.`person_id`, `t10`.`person_id_right`) AS `person_id`,
              `t10`.`persona`,
              `t10`.`stage`
            FROM (
              SELECT
                `t6`.`person_id`,
                `t6`.`persona`,
                `t7`.`person_id` AS `person_id_right`,
                `t7`.`stage`
              FROM (
                SELECT
                  `t1`.`person_id`,
                  `t1`.`persona_name` AS `persona`
                FROM `persona_assignments` AS `t1`
              ) AS `t6`
              FULL OUTER JOIN (
                SELECT
                  `t2`.`person_id`,
                  `t2`.`stage`
                FROM `customer_value` AS `t2`
              ) AS `t7`
                ON `t6`.`person_id` = `t7`.`person_id`
            ) AS `t10`
          ) AS `t14`
            ON `t60`.`person_id` = `t14`.`person_id`
        ) AS `t61`
      ) AS `t62`
    ) AS `t65`
    LEFT OUTER JOIN (
      SELECT
        `t68`.`unit`,
        BOOL_OR(`t68`.`_isneg`) AS `_neg`,
        BOOL_OR(`t68`.`_istick`) AS `_tick`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t66`.`unit`,
            `t66`.`person_id`,
            `t66`.`_last`,
            `t9`.`_vat`,
            `t9`.`_isneg`,
            `t9`.`_istick`
          FROM (
            SELECT
              `t62`.`unit`,
              `t62`.`person_id`,
              COALESCE(`t62`.`t3`, `t62`.`t2`, `t62`.`t1`, `t62`.`t0`) AS `_last`
            FROM (
              SELECT
                `t61`.`unit`,
                `t61`.`channel`,
                `t61`.`_cand`,
                `t61`.`_start`,
                `t61`.`_entry`,
                `t61`.`t0`,
                `t61`.`t1`,
                `t61`.`t2`,
                `t61`.`t3`,
                `t61`.`_depth`,
                `t61`.`person_id`,
                `t61`.`persona`,
                `t61`.`stage`
              FROM (
                SELECT
                  `t60`.`unit`,
                  `t60`.`channel`,
                  `t60`.`_cand`,
                  `t60`.`_start`,
                  `t60`.`_entry`,
                  `t60`.`t0`,
                  `t60`.`t1`,
                  `t60`.`t2`,
                  `t60`.`t3`,
                  `t60`.`_depth`,
                  `t60`.`person_id`,
                  `t14`.`person_id` AS `person_id_right`,
                  `t14`.`persona`,
                  `t14`.`stage`
                FROM (
                  SELECT
                    `t58`.`unit`,
                    `t58`.`_bd` AS `channel`,
                    `t58`.`_cand`,
                    `t58`.`_start`,
                    `t58`.`_entry`,
                    `t58`.`t0`,
                    `t58`.`t1`,
                    `t58`.`t2`,
                    `t58`.`t3`,
                    `t58`.`_depth`,
                    REGEXP_EXTRACT(`t58`.`unit`, '^(.*):[0-9]+$') AS `person_id`
                  FROM (
                    SELECT
                      `t57`.`unit`,
                      `t57`.`_bd`,
                      `t57`.`_cand`,
                      `t57`.`_start`,
                      `t57`.`_entry`,
                      `t57`.`t0`,
                      `t57`.`t1`,
                      `t57`.`t2`,
                      `t57`.`t3`,
                      `t57`.`_depth`
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          `t55`.`unit`,
                          `t55`.`_bd`,
                          `t55`.`_cand`,
                          `t55`.`_start`,
                          `t55`.`_entry`,
                          `t55`.`t0`,
                          `t55`.`t1`,
                          `t55`.`t2`,
                          `t55`.`t3`,
                          `t55`.`_depth`,
                          ROW_NUMBER() OVER (
                            PARTITION BY `t55`.`unit`
                            ORDER BY `t55`.`_depth` DESC, `t55`.`_entry` ASC NULLS LAST, `t55`.`_cand` ASC NULLS LAST
                          ) - 1 AS `_rank`
                        FROM (
                          SELECT
                            `t54`.`unit`,
                            `t54`.`_bd`,
                            `t54`.`_cand`,
                            0 AS `_start`,
                            `t54`.`_entry`,
                            `t54`.`t0`,
                            `t54`.`t1`,
                            `t54`.`t2`,
                            `t54`.`t3`,
                            CAST(`t54`.`t0` IS NOT NULL AS BIGINT) + CAST(`t54`.`t1` IS NOT NULL AS BIGINT) + CAST(`t54`.`t2` IS NOT NULL AS BIGINT) + CAST(`t54`.`t3` IS NOT NULL AS BIGINT) AS `_depth`
                          FROM (
                            SELECT
                              `t53`.`unit`,
                              `t53`.`_bd`,
                              `t53`.`_cand`,
                              `t53`.`_entry`,
                              `t53`.`t0`,
                              `t53`.`p0`,
                              `t53`.`_prev_t`,
                              `t53`.`_prev_p`,
                              `t53`.`t1`,
                              `t53`.`p1`,
                              `t53`.`t2`,
                              `t53`.`p2`,
                              `t53`.`t3`,
                              `t53`.`p3`
                            FROM (
                              SELECT
                                `t48`.`unit`,
                                `t48`.`_bd`,
                                `t48`.`_cand`,
                                `t48`.`_entry`,
                                `t48`.`t0`,
                                `t48`.`p0`,
                                `t48`.`_prev_t`,
                                `t48`.`_prev_p`,
                                `t48`.`t1`,
                                `t48`.`p1`,
                                `t48`.`t2`,
                                `t48`.`p2`,
                                `t52`.`unit` AS `unit_right`,
                                `t52`.`_cand` AS `_cand_right`,
                                `t52`.`t3`,
                                `t52`.`p3`
                              FROM (
                                SELECT
                                  `t44`.`unit`,
                                  `t44`.`_bd`,
                                  `t44`.`_cand`,
                                  `t44`.`_entry`,
                                  `t44`.`t0`,
                                  `t44`.`p0`,
                                  `t44`.`t2` AS `_prev_t`,
                                  `t44`.`p2` AS `_prev_p`,
                                  `t44`.`t1`,
                                  `t44`.`p1`,
                                  `t44`.`t2`,
                                  `t44`.`p2`
                                FROM (
                                  SELECT
                                    `t43`.`unit`,
                                    `t43`.`_bd`,
                                    `t43`.`_cand`,
                                    `t43`.`_entry`,
                                    `t43`.`t0`,
                                    `t43`.`p0`,
                                    `t43`.`_prev_t`,
                                    `t43`.`_prev_p`,
                                    `t43`.`t1`,
                                    `t43`.`p1`,
                                    `t43`.`t2`,
                                    `t43`.`p2`
                                  FROM (
                                    SELECT
                                      `t37`.`unit`,
                                      `t37`.`_bd`,
                                      `t37`.`_cand`,
                                      `t37`.`_entry`,
                                      `t37`.`t0`,
                                      `t37`.`p0`,
                                      `t37`.`_prev_t`,
                                      `t37`.`_prev_p`,
                                      `t37`.`t1`,
                                      `t37`.`p1`,
                                      `t42`.`unit` AS `unit_right`,
                                      `t42`.`_cand` AS `_cand_right`,
                                      `t42`.`t2`,
                                      `t42`.`p2`
                                    FROM (
                                      SELECT
                                        `t34`.`unit`,
                                        `t34`.`_bd`,
                                        `t34`.`_cand`,
                                        `t34`.`_entry`,
                                        `t34`.`t0`,
                                        `t34`.`p0`,
                                        `t34`.`t1` AS `_prev_t`,
                                        `t34`.`p1` AS `_prev_p`,
                                        `t34`.`t1`,
                                        `t34`.`p1`
                                      FROM (
                                        SELECT
                                          `t33`.`unit`,
                                          `t33`.`_bd`,
                                          `t33`.`_cand`,
                                          `t33`.`_entry`,
                                          `t33`.`t0`,
                                          `t33`.`p0`,
                                          `t33`.`_prev_t`,
                                          `t33`.`_prev_p`,
                                          `t33`.`t1`,
                                          `t33`.`p1`
                                        FROM (
                                          SELECT
                                            `t27`.`unit`,
                                            `t27`.`_bd`,
                                            `t27`.`_cand`,
                                            `t27`.`_entry`,
                                            `t27`.`t0`,
                                            `t27`.`p0`,
                                            `t27`.`_prev_t`,
                                            `t27`.`_prev_p`,
                                            `t32`.`unit` AS `unit_right`,
                                            `t32`.`_cand` AS `_cand_right`,
                                            `t32`.`t1`,
                                            `t32`.`p1`
                                          FROM (
                                            SELECT
                                              `t24`.`unit`,
                                              `t24`.`_bd`,
                                              `t24`.`pos` AS `_cand`,
                                              `t24`.`at` AS `_entry`,
                                              `t24`.`at` AS `t0`,
                                              `t24`.`pos` AS `p0`,
                                              `t24`.`at` AS `_prev_t`,
                                              `t24`.`pos` AS `_prev_p`
                                            FROM (
                                              SELECT
                                                `t23`.`person_id`,
                                                `t23`.`at`,
                                                `t23`.`source`,
                                                `t23`.`ref`,
                                                `t23`.`touchpoint`,
                                                `t23`.`channel`,
                                                `t23`.`device`,
                                                `t23`.`stage`,
                                                `t23`.`is_conversion`,
                                                `t23`.`value`,
                                                `t23`.`sentiment`,
                                                `t23`.`switch`,
                                                `t23`.`journey_id`,
                                                `t23`.`session_id`,
                                                `t23`.`step`,
                                                `t23`.`unit`,
                                                `t23`.`pos`,
                                                `t23`.`_bd`,
                                                `t23`.`_k`
                                              FROM (
                                                SELECT
                                                  *
                                                FROM (
                                                  SELECT
                                                    `t21`.`person_id`,
                                                    `t21`.`at`,
                                                    `t21`.`source`,
                                                    `t21`.`ref`,
                                                    `t21`.`touchpoint`,
                                                    `t21`.`channel`,
                                                    `t21`.`device`,
                                                    `t21`.`stage`,
                                                    `t21`.`is_conversion`,
                                                    `t21`.`value`,
                                                    `t21`.`sentiment`,
                                                    `t21`.`switch`,
                                                    `t21`.`journey_id`,
                                                    `t21`.`session_id`,
                                                    `t21`.`step`,
                                                    `t21`.`unit`,
                                                    `t21`.`pos`,
                                                    `t21`.`_bd`,
                                                    `t21`.`_k`,
                                                    MIN(`t21`.`pos`) OVER (
                                                      PARTITION BY `t21`.`unit`
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                    ) AS `_fp`
                                                  FROM (
                                                    SELECT
                                                      `t12`.`person_id`,
                                                      `t12`.`at`,
                                                      `t12`.`source`,
                                                      `t12`.`ref`,
                                                      `t12`.`touchpoint`,
                                                      `t12`.`channel`,
                                                      `t12`.`device`,
                                                      `t12`.`stage`,
                                                      `t12`.`is_conversion`,
                                                      `t12`.`value`,
                                                      `t12`.`sentiment`,
                                                      `t12`.`switch`,
                                                      `t12`.`journey_id`,
                                                      `t12`.`session_id`,
                                                      `t12`.`step`,
                                                      `t12`.`unit`,
                                                      `t12`.`pos`,
                                                      `t12`.`channel` AS `_bd`,
                                                      CASE
                                                        WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                        THEN 0
                                                        WHEN `t12`.`touchpoint` IN ('Product Added')
                                                        THEN 1
                                                        WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                        THEN 2
                                                        WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                        THEN 3
                                                        ELSE -1
                                                      END AS `_k`
                                                    FROM `t11` AS `t12`
                                                    WHERE
                                                      `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                      AND CASE
                                                        WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                        THEN 0
                                                        WHEN `t12`.`touchpoint` IN ('Product Added')
                                                        THEN 1
                                                        WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                        THEN 2
                                                        WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                        THEN 3
                                                        ELSE -1
                                                      END = 0
                                                  ) AS `t21`
                                                ) AS `t22`
                                                WHERE
                                                  `t22`.`pos` = `t22`.`_fp`
                                              ) AS `t23`
                                            ) AS `t24`
                                            WHERE
                                              `t24`.`_k` = 0
                                          ) AS `t27`
                                          LEFT OUTER JOIN (
                                            SELECT
                                              `t30`.`unit`,
                                              `t30`.`_cand`,
                                              MIN(`t30`.`_at`) AS `t1`,
                                              MIN_BY(`t30`.`_pos`, `t30`.`_at`) AS `p1`
                                            FROM (
                                              SELECT
                                                *
                                              FROM (
                                                SELECT
                                                  `t28`.`unit`,
                                                  `t28`.`_cand`,
                                                  `t28`.`_entry`,
                                                  `t28`.`_prev_t`,
                                                  `t28`.`_prev_p`,
                                                  `t20`.`_at`,
                                                  `t20`.`_pos`
                                                FROM (
                                                  SELECT
                                                    `t24`.`unit`,
                                                    `t24`.`pos` AS `_cand`,
                                                    `t24`.`at` AS `_entry`,
                                                    `t24`.`at` AS `_prev_t`,
                                                    `t24`.`pos` AS `_prev_p`
                                                  FROM (
                                                    SELECT
                                                      `t23`.`person_id`,
                                                      `t23`.`at`,
                                                      `t23`.`source`,
                                                      `t23`.`ref`,
                                                      `t23`.`touchpoint`,
                                                      `t23`.`channel`,
                                                      `t23`.`device`,
                                                      `t23`.`stage`,
                                                      `t23`.`is_conversion`,
                                                      `t23`.`value`,
                                                      `t23`.`sentiment`,
                                                      `t23`.`switch`,
                                                      `t23`.`journey_id`,
                                                      `t23`.`session_id`,
                                                      `t23`.`step`,
                                                      `t23`.`unit`,
                                                      `t23`.`pos`,
                                                      `t23`.`_bd`,
                                                      `t23`.`_k`
                                                    FROM (
                                                      SELECT
                                                        *
                                                      FROM (
                                                        SELECT
                                                          `t21`.`person_id`,
                                                          `t21`.`at`,
                                                          `t21`.`source`,
                                                          `t21`.`ref`,
                                                          `t21`.`touchpoint`,
                                                          `t21`.`channel`,
                                                          `t21`.`device`,
                                                          `t21`.`stage`,
                                                          `t21`.`is_conversion`,
                                                          `t21`.`value`,
                                                          `t21`.`sentiment`,
                                                          `t21`.`switch`,
                                                          `t21`.`journey_id`,
                                                          `t21`.`session_id`,
                                                          `t21`.`step`,
                                                          `t21`.`unit`,
                                                          `t21`.`pos`,
                                                          `t21`.`_bd`,
                                                          `t21`.`_k`,
                                                          MIN(`t21`.`pos`) OVER (
                                                            PARTITION BY `t21`.`unit`
                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                          ) AS `_fp`
                                                        FROM (
                                                          SELECT
                                                            `t12`.`person_id`,
                                                            `t12`.`at`,
                                                            `t12`.`source`,
                                                            `t12`.`ref`,
                                                            `t12`.`touchpoint`,
                                                            `t12`.`channel`,
                                                            `t12`.`device`,
                                                            `t12`.`stage`,
                                                            `t12`.`is_conversion`,
                                                            `t12`.`value`,
                                                            `t12`.`sentiment`,
                                                            `t12`.`switch`,
                                                            `t12`.`journey_id`,
                                                            `t12`.`session_id`,
                                                            `t12`.`step`,
                                                            `t12`.`unit`,
                                                            `t12`.`pos`,
                                                            `t12`.`channel` AS `_bd`,
                                                            CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END AS `_k`
                                                          FROM `t11` AS `t12`
                                                          WHERE
                                                            `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                            AND CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END = 0
                                                        ) AS `t21`
                                                      ) AS `t22`
                                                      WHERE
                                                        `t22`.`pos` = `t22`.`_fp`
                                                    ) AS `t23`
                                                  ) AS `t24`
                                                  WHERE
                                                    `t24`.`_k` = 0
                                                ) AS `t28`
                                                INNER JOIN (
                                                  SELECT
                                                    `t12`.`unit`,
                                                    `t12`.`at` AS `_at`,
                                                    `t12`.`pos` AS `_pos`
                                                  FROM `t11` AS `t12`
                                                  WHERE
                                                    `t12`.`touchpoint` IN ('Product Added')
                                                ) AS `t20`
                                                  ON `t28`.`unit` = `t20`.`unit`
                                              ) AS `t29`
                                              WHERE
                                                `t29`.`_pos` > `t29`.`_prev_p`
                                                AND (
                                                  CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                                ) <= 604800
                                            ) AS `t30`
                                            GROUP BY
                                              1,
                                              2
                                          ) AS `t32`
                                            ON `t27`.`unit` = `t32`.`unit` AND `t27`.`_cand` = `t32`.`_cand`
                                        ) AS `t33`
                                      ) AS `t34`
                                    ) AS `t37`
                                    LEFT OUTER JOIN (
                                      SELECT
                                        `t40`.`unit`,
                                        `t40`.`_cand`,
                                        MIN(`t40`.`_at`) AS `t2`,
                                        MIN_BY(`t40`.`_pos`, `t40`.`_at`) AS `p2`
                                      FROM (
                                        SELECT
                                          *
                                        FROM (
                                          SELECT
                                            `t38`.`unit`,
                                            `t38`.`_cand`,
                                            `t38`.`_entry`,
                                            `t38`.`_prev_t`,
                                            `t38`.`_prev_p`,
                                            `t19`.`_at`,
                                            `t19`.`_pos`
                                          FROM (
                                            SELECT
                                              `t34`.`unit`,
                                              `t34`.`_cand`,
                                              `t34`.`_entry`,
                                              `t34`.`t1` AS `_prev_t`,
                                              `t34`.`p1` AS `_prev_p`
                                            FROM (
                                              SELECT
                                                `t33`.`unit`,
                                                `t33`.`_bd`,
                                                `t33`.`_cand`,
                                                `t33`.`_entry`,
                                                `t33`.`t0`,
                                                `t33`.`p0`,
                                                `t33`.`_prev_t`,
                                                `t33`.`_prev_p`,
                                                `t33`.`t1`,
                                                `t33`.`p1`
                                              FROM (
                                                SELECT
                                                  `t27`.`unit`,
                                                  `t27`.`_bd`,
                                                  `t27`.`_cand`,
                                                  `t27`.`_entry`,
                                                  `t27`.`t0`,
                                                  `t27`.`p0`,
                                                  `t27`.`_prev_t`,
                                                  `t27`.`_prev_p`,
                                                  `t32`.`unit` AS `unit_right`,
                                                  `t32`.`_cand` AS `_cand_right`,
                                                  `t32`.`t1`,
                                                  `t32`.`p1`
                                                FROM (
                                                  SELECT
                                                    `t24`.`unit`,
                                                    `t24`.`_bd`,
                                                    `t24`.`pos` AS `_cand`,
                                                    `t24`.`at` AS `_entry`,
                                                    `t24`.`at` AS `t0`,
                                                    `t24`.`pos` AS `p0`,
                                                    `t24`.`at` AS `_prev_t`,
                                                    `t24`.`pos` AS `_prev_p`
                                                  FROM (
                                                    SELECT
                                                      `t23`.`person_id`,
                                                      `t23`.`at`,
                                                      `t23`.`source`,
                                                      `t23`.`ref`,
                                                      `t23`.`touchpoint`,
                                                      `t23`.`channel`,
                                                      `t23`.`device`,
                                                      `t23`.`stage`,
                                                      `t23`.`is_conversion`,
                                                      `t23`.`value`,
                                                      `t23`.`sentiment`,
                                                      `t23`.`switch`,
                                                      `t23`.`journey_id`,
                                                      `t23`.`session_id`,
                                                      `t23`.`step`,
                                                      `t23`.`unit`,
                                                      `t23`.`pos`,
                                                      `t23`.`_bd`,
                                                      `t23`.`_k`
                                                    FROM (
                                                      SELECT
                                                        *
                                                      FROM (
                                                        SELECT
                                                          `t21`.`person_id`,
                                                          `t21`.`at`,
                                                          `t21`.`source`,
                                                          `t21`.`ref`,
                                                          `t21`.`touchpoint`,
                                                          `t21`.`channel`,
                                                          `t21`.`device`,
                                                          `t21`.`stage`,
                                                          `t21`.`is_conversion`,
                                                          `t21`.`value`,
                                                          `t21`.`sentiment`,
                                                          `t21`.`switch`,
                                                          `t21`.`journey_id`,
                                                          `t21`.`session_id`,
                                                          `t21`.`step`,
                                                          `t21`.`unit`,
                                                          `t21`.`pos`,
                                                          `t21`.`_bd`,
                                                          `t21`.`_k`,
                                                          MIN(`t21`.`pos`) OVER (
                                                            PARTITION BY `t21`.`unit`
                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                          ) AS `_fp`
                                                        FROM (
                                                          SELECT
                                                            `t12`.`person_id`,
                                                            `t12`.`at`,
                                                            `t12`.`source`,
                                                            `t12`.`ref`,
                                                            `t12`.`touchpoint`,
                                                            `t12`.`channel`,
                                                            `t12`.`device`,
                                                            `t12`.`stage`,
                                                            `t12`.`is_conversion`,
                                                            `t12`.`value`,
                                                            `t12`.`sentiment`,
                                                            `t12`.`switch`,
                                                            `t12`.`journey_id`,
                                                            `t12`.`session_id`,
                                                            `t12`.`step`,
                                                            `t12`.`unit`,
                                                            `t12`.`pos`,
                                                            `t12`.`channel` AS `_bd`,
                                                            CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END AS `_k`
                                                          FROM `t11` AS `t12`
                                                          WHERE
                                                            `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                            AND CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END = 0
                                                        ) AS `t21`
                                                      ) AS `t22`
                                                      WHERE
                                                        `t22`.`pos` = `t22`.`_fp`
                                                    ) AS `t23`
                                                  ) AS `t24`
                                                  WHERE
                                                    `t24`.`_k` = 0
                                                ) AS `t27`
                                                LEFT OUTER JOIN (
                                                  SELECT
                                                    `t30`.`unit`,
                                                    `t30`.`_cand`,
                                                    MIN(`t30`.`_at`) AS `t1`,
                                                    MIN_BY(`t30`.`_pos`, `t30`.`_at`) AS `p1`
                                                  FROM (
                                                    SELECT
                                                      *
                                                    FROM (
                                                      SELECT
                                                        `t28`.`unit`,
                                                        `t28`.`_cand`,
                                                        `t28`.`_entry`,
                                                        `t28`.`_prev_t`,
                                                        `t28`.`_prev_p`,
                                                        `t20`.`_at`,
                                                        `t20`.`_pos`
                                                      FROM (
                                                        SELECT
                                                          `t24`.`unit`,
                                                          `t24`.`pos` AS `_cand`,
                                                          `t24`.`at` AS `_entry`,
                                                          `t24`.`at` AS `_prev_t`,
                                                          `t24`.`pos` AS `_prev_p`
                                                        FROM (
                                                          SELECT
                                                            `t23`.`person_id`,
                                                            `t23`.`at`,
                                                            `t23`.`source`,
                                                            `t23`.`ref`,
                                                            `t23`.`touchpoint`,
                                                            `t23`.`channel`,
                                                            `t23`.`device`,
                                                            `t23`.`stage`,
                                                            `t23`.`is_conversion`,
                                                            `t23`.`value`,
                                                            `t23`.`sentiment`,
                                                            `t23`.`switch`,
                                                            `t23`.`journey_id`,
                                                            `t23`.`session_id`,
                                                            `t23`.`step`,
                                                            `t23`.`unit`,
                                                            `t23`.`pos`,
                                                            `t23`.`_bd`,
                                                            `t23`.`_k`
                                                          FROM (
                                                            SELECT
                                                              *
                                                            FROM (
                                                              SELECT
                                                                `t21`.`person_id`,
                                                                `t21`.`at`,
                                                                `t21`.`source`,
                                                                `t21`.`ref`,
                                                                `t21`.`touchpoint`,
                                                                `t21`.`channel`,
                                                                `t21`.`device`,
                                                                `t21`.`stage`,
                                                                `t21`.`is_conversion`,
                                                                `t21`.`value`,
                                                                `t21`.`sentiment`,
                                                                `t21`.`switch`,
                                                                `t21`.`journey_id`,
                                                                `t21`.`session_id`,
                                                                `t21`.`step`,
                                                                `t21`.`unit`,
                                                                `t21`.`pos`,
                                                                `t21`.`_bd`,
                                                                `t21`.`_k`,
                                                                MIN(`t21`.`pos`) OVER (
                                                                  PARTITION BY `t21`.`unit`
                                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                                ) AS `_fp`
                                                              FROM (
                                                                SELECT
                                                                  `t12`.`person_id`,
                                                                  `t12`.`at`,
                                                                  `t12`.`source`,
                                                                  `t12`.`ref`,
                                                                  `t12`.`touchpoint`,
                                                                  `t12`.`channel`,
                                                                  `t12`.`device`,
                                                                  `t12`.`stage`,
                                                                  `t12`.`is_conversion`,
                                                                  `t12`.`value`,
                                                                  `t12`.`sentiment`,
                                                                  `t12`.`switch`,
                                                                  `t12`.`journey_id`,
                                                                  `t12`.`session_id`,
                                                                  `t12`.`step`,
                                                                  `t12`.`unit`,
                                                                  `t12`.`pos`,
                                                                  `t12`.`channel` AS `_bd`,
                                                                  CASE
                                                                    WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                    THEN 0
                                                                    WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                    THEN 1
                                                                    WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                    THEN 2
                                                                    WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                    THEN 3
                                                                    ELSE -1
                                                                  END AS `_k`
                                                                FROM `t11` AS `t12`
                                                                WHERE
                                                                  `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                                  AND CASE
                                                                    WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                    THEN 0
                                                                    WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                    THEN 1
                                                                    WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                    THEN 2
                                                                    WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                    THEN 3
                                                                    ELSE -1
                                                                  END = 0
                                                              ) AS `t21`
                                                            ) AS `t22`
                                                            WHERE
                                                              `t22`.`pos` = `t22`.`_fp`
                                                          ) AS `t23`
                                                        ) AS `t24`
                                                        WHERE
                                                          `t24`.`_k` = 0
                                                      ) AS `t28`
                                                      INNER JOIN (
                                                        SELECT
                                                          `t12`.`unit`,
                                                          `t12`.`at` AS `_at`,
                                                          `t12`.`pos` AS `_pos`
                                                        FROM `t11` AS `t12`
                                                        WHERE
                                                          `t12`.`touchpoint` IN ('Product Added')
                                                      ) AS `t20`
                                                        ON `t28`.`unit` = `t20`.`unit`
                                                    ) AS `t29`
                                                    WHERE
                                                      `t29`.`_pos` > `t29`.`_prev_p`
                                                      AND (
                                                        CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                                      ) <= 604800
                                                  ) AS `t30`
                                                  GROUP BY
                                                    1,
                                                    2
                                                ) AS `t32`
                                                  ON `t27`.`unit` = `t32`.`unit` AND `t27`.`_cand` = `t32`.`_cand`
                                              ) AS `t33`
                                            ) AS `t34`
                                          ) AS `t38`
                                          INNER JOIN (
                                            SELECT
                                              `t12`.`unit`,
                                              `t12`.`at` AS `_at`,
                                              `t12`.`pos` AS `_pos`
                                            FROM `t11` AS `t12`
                                            WHERE
                                              `t12`.`touchpoint` IN ('Checkout Started')
                                          ) AS `t19`
                                            ON `t38`.`unit` = `t19`.`unit`
                                        ) AS `t39`
                                        WHERE
                                          `t39`.`_pos` > `t39`.`_prev_p`
                                          AND (
                                            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t39`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t39`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                          ) <= 604800
                                      ) AS `t40`
                                      GROUP BY
                                        1,
                                        2
                                    ) AS `t42`
                                      ON `t37`.`unit` = `t42`.`unit` AND `t37`.`_cand` = `t42`.`_cand`
                                  ) AS `t43`
                                ) AS `t44`
                              ) AS `t48`
                              LEFT OUTER JOIN (
                                SELECT
                                  `t50`.`unit`,
                                  `t50`.`_cand`,
                                  MIN(`t50`.`_at`) AS `t3`,
                                  MIN_BY(`t50`.`_pos`, `t50`.`_at`) AS `p3`
                                FROM (
                                  SELECT
                                    *
                                  FROM (
                                    SELECT
                                      `t47`.`unit`,
                                      `t47`.`_cand`,
                                      `t47`.`_entry`,
                                      `t47`.`_prev_t`,
                                      `t47`.`_prev_p`,
                                      `t18`.`_at`,
                                      `t18`.`_pos`
                                    FROM (
                                      SELECT
                                        `t44`.`unit`,
                                        `t44`.`_cand`,
                                        `t44`.`_entry`,
                                        `t44`.`t2` AS `_prev_t`,
                                        `t44`.`p2` AS `_prev_p`
                                      FROM (
                                        SELECT
                                          `t43`.`unit`,
                                          `t43`.`_bd`,
                                          `t43`.`_cand`,
                                          `t43`.`_entry`,
                                          `t43`.`t0`,
                                          `t43`.`p0`,
                                          `t43`.`_prev_t`,
                                          `t43`.`_prev_p`,
                                          `t43`.`t1`,
                                          `t43`.`p1`,
                                          `t43`.`t2`,
                                          `t43`.`p2`
                                        FROM (
                                          SELECT
                                            `t37`.`unit`,
                                            `t37`.`_bd`,
                                            `t37`.`_cand`,
                                            `t37`.`_entry`,
                                            `t37`.`t0`,
                                            `t37`.`p0`,
                                            `t37`.`_prev_t`,
                                            `t37`.`_prev_p`,
                                            `t37`.`t1`,
                                            `t37`.`p1`,
                                            `t42`.`unit` AS `unit_right`,
                                            `t42`.`_cand` AS `_cand_right`,
                                            `t42`.`t2`,
                                            `t42`.`p2`
                                          FROM (
                                            SELECT
                                              `t34`.`unit`,
                                              `t34`.`_bd`,
                                              `t34`.`_cand`,
                                              `t34`.`_entry`,
                                              `t34`.`t0`,
                                              `t34`.`p0`,
                                              `t34`.`t1` AS `_prev_t`,
                                              `t34`.`p1` AS `_prev_p`,
                                              `t34`.`t1`,
                                              `t34`.`p1`
                                            FROM (
                                              SELECT
                                                `t33`.`unit`,
                                                `t33`.`_bd`,
                                                `t33`.`_cand`,
                                                `t33`.`_entry`,
                                                `t33`.`t0`,
                                                `t33`.`p0`,
                                                `t33`.`_prev_t`,
                                                `t33`.`_prev_p`,
                                                `t33`.`t1`,
                                                `t33`.`p1`
                                              FROM (
                                                SELECT
                                                  `t27`.`unit`,
                                                  `t27`.`_bd`,
                                                  `t27`.`_cand`,
                                                  `t27`.`_entry`,
                                                  `t27`.`t0`,
                                                  `t27`.`p0`,
                                                  `t27`.`_prev_t`,
                                                  `t27`.`_prev_p`,
                                                  `t32`.`unit` AS `unit_right`,
                                                  `t32`.`_cand` AS `_cand_right`,
                                                  `t32`.`t1`,
                                                  `t32`.`p1`
                                                FROM (
                                                  SELECT
                                                    `t24`.`unit`,
                                                    `t24`.`_bd`,
                                                    `t24`.`pos` AS `_cand`,
                                                    `t24`.`at` AS `_entry`,
                                                    `t24`.`at` AS `t0`,
                                                    `t24`.`pos` AS `p0`,
                                                    `t24`.`at` AS `_prev_t`,
                                                    `t24`.`pos` AS `_prev_p`
                                                  FROM (
                                                    SELECT
                                                      `t23`.`person_id`,
                                                      `t23`.`at`,
                                                      `t23`.`source`,
                                                      `t23`.`ref`,
                                                      `t23`.`touchpoint`,
                                                      `t23`.`channel`,
                                                      `t23`.`device`,
                                                      `t23`.`stage`,
                                                      `t23`.`is_conversion`,
                                                      `t23`.`value`,
                                                      `t23`.`sentiment`,
                                                      `t23`.`switch`,
                                                      `t23`.`journey_id`,
                                                      `t23`.`session_id`,
                                                      `t23`.`step`,
                                                      `t23`.`unit`,
                                                      `t23`.`pos`,
                                                      `t23`.`_bd`,
                                                      `t23`.`_k`
                                                    FROM (
                                                      SELECT
                                                        *
                                                      FROM (
                                                        SELECT
                                                          `t21`.`person_id`,
                                                          `t21`.`at`,
                                                          `t21`.`source`,
                                                          `t21`.`ref`,
                                                          `t21`.`touchpoint`,
                                                          `t21`.`channel`,
                                                          `t21`.`device`,
                                                          `t21`.`stage`,
                                                          `t21`.`is_conversion`,
                                                          `t21`.`value`,
                                                          `t21`.`sentiment`,
                                                          `t21`.`switch`,
                                                          `t21`.`journey_id`,
                                                          `t21`.`session_id`,
                                                          `t21`.`step`,
                                                          `t21`.`unit`,
                                                          `t21`.`pos`,
                                                          `t21`.`_bd`,
                                                          `t21`.`_k`,
                                                          MIN(`t21`.`pos`) OVER (
                                                            PARTITION BY `t21`.`unit`
                                                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                          ) AS `_fp`
                                                        FROM (
                                                          SELECT
                                                            `t12`.`person_id`,
                                                            `t12`.`at`,
                                                            `t12`.`source`,
                                                            `t12`.`ref`,
                                                            `t12`.`touchpoint`,
                                                            `t12`.`channel`,
                                                            `t12`.`device`,
                                                            `t12`.`stage`,
                                                            `t12`.`is_conversion`,
                                                            `t12`.`value`,
                                                            `t12`.`sentiment`,
                                                            `t12`.`switch`,
                                                            `t12`.`journey_id`,
                                                            `t12`.`session_id`,
                                                            `t12`.`step`,
                                                            `t12`.`unit`,
                                                            `t12`.`pos`,
                                                            `t12`.`channel` AS `_bd`,
                                                            CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END AS `_k`
                                                          FROM `t11` AS `t12`
                                                          WHERE
                                                            `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                            AND CASE
                                                              WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                              THEN 0
                                                              WHEN `t12`.`touchpoint` IN ('Product Added')
                                                              THEN 1
                                                              WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                              THEN 2
                                                              WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                              THEN 3
                                                              ELSE -1
                                                            END = 0
                                                        ) AS `t21`
                                                      ) AS `t22`
                                                      WHERE
                                                        `t22`.`pos` = `t22`.`_fp`
                                                    ) AS `t23`
                                                  ) AS `t24`
                                                  WHERE
                                                    `t24`.`_k` = 0
                                                ) AS `t27`
                                                LEFT OUTER JOIN (
                                                  SELECT
                                                    `t30`.`unit`,
                                                    `t30`.`_cand`,
                                                    MIN(`t30`.`_at`) AS `t1`,
                                                    MIN_BY(`t30`.`_pos`, `t30`.`_at`) AS `p1`
                                                  FROM (
                                                    SELECT
                                                      *
                                                    FROM (
                                                      SELECT
                                                        `t28`.`unit`,
                                                        `t28`.`_cand`,
                                                        `t28`.`_entry`,
                                                        `t28`.`_prev_t`,
                                                        `t28`.`_prev_p`,
                                                        `t20`.`_at`,
                                                        `t20`.`_pos`
                                                      FROM (
                                                        SELECT
                                                          `t24`.`unit`,
                                                          `t24`.`pos` AS `_cand`,
                                                          `t24`.`at` AS `_entry`,
                                                          `t24`.`at` AS `_prev_t`,
                                                          `t24`.`pos` AS `_prev_p`
                                                        FROM (
                                                          SELECT
                                                            `t23`.`person_id`,
                                                            `t23`.`at`,
                                                            `t23`.`source`,
                                                            `t23`.`ref`,
                                                            `t23`.`touchpoint`,
                                                            `t23`.`channel`,
                                                            `t23`.`device`,
                                                            `t23`.`stage`,
                                                            `t23`.`is_conversion`,
                                                            `t23`.`value`,
                                                            `t23`.`sentiment`,
                                                            `t23`.`switch`,
                                                            `t23`.`journey_id`,
                                                            `t23`.`session_id`,
                                                            `t23`.`step`,
                                                            `t23`.`unit`,
                                                            `t23`.`pos`,
                                                            `t23`.`_bd`,
                                                            `t23`.`_k`
                                                          FROM (
                                                            SELECT
                                                              *
                                                            FROM (
                                                              SELECT
                                                                `t21`.`person_id`,
                                                                `t21`.`at`,
                                                                `t21`.`source`,
                                                                `t21`.`ref`,
                                                                `t21`.`touchpoint`,
                                                                `t21`.`channel`,
                                                                `t21`.`device`,
                                                                `t21`.`stage`,
                                                                `t21`.`is_conversion`,
                                                                `t21`.`value`,
                                                                `t21`.`sentiment`,
                                                                `t21`.`switch`,
                                                                `t21`.`journey_id`,
                                                                `t21`.`session_id`,
                                                                `t21`.`step`,
                                                                `t21`.`unit`,
                                                                `t21`.`pos`,
                                                                `t21`.`_bd`,
                                                                `t21`.`_k`,
                                                                MIN(`t21`.`pos`) OVER (
                                                                  PARTITION BY `t21`.`unit`
                                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                                ) AS `_fp`
                                                              FROM (
                                                                SELECT
                                                                  `t12`.`person_id`,
                                                                  `t12`.`at`,
                                                                  `t12`.`source`,
                                                                  `t12`.`ref`,
                                                                  `t12`.`touchpoint`,
                                                                  `t12`.`channel`,
                                                                  `t12`.`device`,
                                                                  `t12`.`stage`,
                                                                  `t12`.`is_conversion`,
                                                                  `t12`.`value`,
                                                                  `t12`.`sentiment`,
                                                                  `t12`.`switch`,
                                                                  `t12`.`journey_id`,
                                                                  `t12`.`session_id`,
                                                                  `t12`.`step`,
                                                                  `t12`.`unit`,
                                                                  `t12`.`pos`,
                                                                  `t12`.`channel` AS `_bd`,
                                                                  CASE
                                                                    WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                    THEN 0
                                                                    WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                    THEN 1
                                                                    WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                    THEN 2
                                                                    WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                    THEN 3
                                                                    ELSE -1
                                                                  END AS `_k`
                                                                FROM `t11` AS `t12`
                                                                WHERE
                                                                  `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                                  AND CASE
                                                                    WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                    THEN 0
                                                                    WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                    THEN 1
                                                                    WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                    THEN 2
                                                                    WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                    THEN 3
                                                                    ELSE -1
                                                                  END = 0
                                                              ) AS `t21`
                                                            ) AS `t22`
                                                            WHERE
                                                              `t22`.`pos` = `t22`.`_fp`
                                                          ) AS `t23`
                                                        ) AS `t24`
                                                        WHERE
                                                          `t24`.`_k` = 0
                                                      ) AS `t28`
                                                      INNER JOIN (
                                                        SELECT
                                                          `t12`.`unit`,
                                                          `t12`.`at` AS `_at`,
                                                          `t12`.`pos` AS `_pos`
                                                        FROM `t11` AS `t12`
                                                        WHERE
                                                          `t12`.`touchpoint` IN ('Product Added')
                                                      ) AS `t20`
                                                        ON `t28`.`unit` = `t20`.`unit`
                                                    ) AS `t29`
                                                    WHERE
                                                      `t29`.`_pos` > `t29`.`_prev_p`
                                                      AND (
                                                        CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                                      ) <= 604800
                                                  ) AS `t30`
                                                  GROUP BY
                                                    1,
                                                    2
                                                ) AS `t32`
                                                  ON `t27`.`unit` = `t32`.`unit` AND `t27`.`_cand` = `t32`.`_cand`
                                              ) AS `t33`
                                            ) AS `t34`
                                          ) AS `t37`
                                          LEFT OUTER JOIN (
                                            SELECT
                                              `t40`.`unit`,
                                              `t40`.`_cand`,
                                              MIN(`t40`.`_at`) AS `t2`,
                                              MIN_BY(`t40`.`_pos`, `t40`.`_at`) AS `p2`
                                            FROM (
                                              SELECT
                                                *
                                              FROM (
                                                SELECT
                                                  `t38`.`unit`,
                                                  `t38`.`_cand`,
                                                  `t38`.`_entry`,
                                                  `t38`.`_prev_t`,
                                                  `t38`.`_prev_p`,
                                                  `t19`.`_at`,
                                                  `t19`.`_pos`
                                                FROM (
                                                  SELECT
                                                    `t34`.`unit`,
                                                    `t34`.`_cand`,
                                                    `t34`.`_entry`,
                                                    `t34`.`t1` AS `_prev_t`,
                                                    `t34`.`p1` AS `_prev_p`
                                                  FROM (
                                                    SELECT
                                                      `t33`.`unit`,
                                                      `t33`.`_bd`,
                                                      `t33`.`_cand`,
                                                      `t33`.`_entry`,
                                                      `t33`.`t0`,
                                                      `t33`.`p0`,
                                                      `t33`.`_prev_t`,
                                                      `t33`.`_prev_p`,
                                                      `t33`.`t1`,
                                                      `t33`.`p1`
                                                    FROM (
                                                      SELECT
                                                        `t27`.`unit`,
                                                        `t27`.`_bd`,
                                                        `t27`.`_cand`,
                                                        `t27`.`_entry`,
                                                        `t27`.`t0`,
                                                        `t27`.`p0`,
                                                        `t27`.`_prev_t`,
                                                        `t27`.`_prev_p`,
                                                        `t32`.`unit` AS `unit_right`,
                                                        `t32`.`_cand` AS `_cand_right`,
                                                        `t32`.`t1`,
                                                        `t32`.`p1`
                                                      FROM (
                                                        SELECT
                                                          `t24`.`unit`,
                                                          `t24`.`_bd`,
                                                          `t24`.`pos` AS `_cand`,
                                                          `t24`.`at` AS `_entry`,
                                                          `t24`.`at` AS `t0`,
                                                          `t24`.`pos` AS `p0`,
                                                          `t24`.`at` AS `_prev_t`,
                                                          `t24`.`pos` AS `_prev_p`
                                                        FROM (
                                                          SELECT
                                                            `t23`.`person_id`,
                                                            `t23`.`at`,
                                                            `t23`.`source`,
                                                            `t23`.`ref`,
                                                            `t23`.`touchpoint`,
                                                            `t23`.`channel`,
                                                            `t23`.`device`,
                                                            `t23`.`stage`,
                                                            `t23`.`is_conversion`,
                                                            `t23`.`value`,
                                                            `t23`.`sentiment`,
                                                            `t23`.`switch`,
                                                            `t23`.`journey_id`,
                                                            `t23`.`session_id`,
                                                            `t23`.`step`,
                                                            `t23`.`unit`,
                                                            `t23`.`pos`,
                                                            `t23`.`_bd`,
                                                            `t23`.`_k`
                                                          FROM (
                                                            SELECT
                                                              *
                                                            FROM (
                                                              SELECT
                                                                `t21`.`person_id`,
                                                                `t21`.`at`,
                                                                `t21`.`source`,
                                                                `t21`.`ref`,
                                                                `t21`.`touchpoint`,
                                                                `t21`.`channel`,
                                                                `t21`.`device`,
                                                                `t21`.`stage`,
                                                                `t21`.`is_conversion`,
                                                                `t21`.`value`,
                                                                `t21`.`sentiment`,
                                                                `t21`.`switch`,
                                                                `t21`.`journey_id`,
                                                                `t21`.`session_id`,
                                                                `t21`.`step`,
                                                                `t21`.`unit`,
                                                                `t21`.`pos`,
                                                                `t21`.`_bd`,
                                                                `t21`.`_k`,
                                                                MIN(`t21`.`pos`) OVER (
                                                                  PARTITION BY `t21`.`unit`
                                                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                                ) AS `_fp`
                                                              FROM (
                                                                SELECT
                                                                  `t12`.`person_id`,
                                                                  `t12`.`at`,
                                                                  `t12`.`source`,
                                                                  `t12`.`ref`,
                                                                  `t12`.`touchpoint`,
                                                                  `t12`.`channel`,
                                                                  `t12`.`device`,
                                                                  `t12`.`stage`,
                                                                  `t12`.`is_conversion`,
                                                                  `t12`.`value`,
                                                                  `t12`.`sentiment`,
                                                                  `t12`.`switch`,
                                                                  `t12`.`journey_id`,
                                                                  `t12`.`session_id`,
                                                                  `t12`.`step`,
                                                                  `t12`.`unit`,
                                                                  `t12`.`pos`,
                                                                  `t12`.`channel` AS `_bd`,
                                                                  CASE
                                                                    WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                    THEN 0
                                                                    WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                    THEN 1
                                                                    WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                    THEN 2
                                                                    WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                    THEN 3
                                                                    ELSE -1
                                                                  END AS `_k`
                                                                FROM `t11` AS `t12`
                                                                WHERE
                                                                  `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                                  AND CASE
                                                                    WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                    THEN 0
                                                                    WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                    THEN 1
                                                                    WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                    THEN 2
                                                                    WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                    THEN 3
                                                                    ELSE -1
                                                                  END = 0
                                                              ) AS `t21`
                                                            ) AS `t22`
                                                            WHERE
                                                              `t22`.`pos` = `t22`.`_fp`
                                                          ) AS `t23`
                                                        ) AS `t24`
                                                        WHERE
                                                          `t24`.`_k` = 0
                                                      ) AS `t27`
                                                      LEFT OUTER JOIN (
                                                        SELECT
                                                          `t30`.`unit`,
                                                          `t30`.`_cand`,
                                                          MIN(`t30`.`_at`) AS `t1`,
                                                          MIN_BY(`t30`.`_pos`, `t30`.`_at`) AS `p1`
                                                        FROM (
                                                          SELECT
                                                            *
                                                          FROM (
                                                            SELECT
                                                              `t28`.`unit`,
                                                              `t28`.`_cand`,
                                                              `t28`.`_entry`,
                                                              `t28`.`_prev_t`,
                                                              `t28`.`_prev_p`,
                                                              `t20`.`_at`,
                                                              `t20`.`_pos`
                                                            FROM (
                                                              SELECT
                                                                `t24`.`unit`,
                                                                `t24`.`pos` AS `_cand`,
                                                                `t24`.`at` AS `_entry`,
                                                                `t24`.`at` AS `_prev_t`,
                                                                `t24`.`pos` AS `_prev_p`
                                                              FROM (
                                                                SELECT
                                                                  `t23`.`person_id`,
                                                                  `t23`.`at`,
                                                                  `t23`.`source`,
                                                                  `t23`.`ref`,
                                                                  `t23`.`touchpoint`,
                                                                  `t23`.`channel`,
                                                                  `t23`.`device`,
                                                                  `t23`.`stage`,
                                                                  `t23`.`is_conversion`,
                                                                  `t23`.`value`,
                                                                  `t23`.`sentiment`,
                                                                  `t23`.`switch`,
                                                                  `t23`.`journey_id`,
                                                                  `t23`.`session_id`,
                                                                  `t23`.`step`,
                                                                  `t23`.`unit`,
                                                                  `t23`.`pos`,
                                                                  `t23`.`_bd`,
                                                                  `t23`.`_k`
                                                                FROM (
                                                                  SELECT
                                                                    *
                                                                  FROM (
                                                                    SELECT
                                                                      `t21`.`person_id`,
                                                                      `t21`.`at`,
                                                                      `t21`.`source`,
                                                                      `t21`.`ref`,
                                                                      `t21`.`touchpoint`,
                                                                      `t21`.`channel`,
                                                                      `t21`.`device`,
                                                                      `t21`.`stage`,
                                                                      `t21`.`is_conversion`,
                                                                      `t21`.`value`,
                                                                      `t21`.`sentiment`,
                                                                      `t21`.`switch`,
                                                                      `t21`.`journey_id`,
                                                                      `t21`.`session_id`,
                                                                      `t21`.`step`,
                                                                      `t21`.`unit`,
                                                                      `t21`.`pos`,
                                                                      `t21`.`_bd`,
                                                                      `t21`.`_k`,
                                                                      MIN(`t21`.`pos`) OVER (
                                                                        PARTITION BY `t21`.`unit`
                                                                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                                                      ) AS `_fp`
                                                                    FROM (
                                                                      SELECT
                                                                        `t12`.`person_id`,
                                                                        `t12`.`at`,
                                                                        `t12`.`source`,
                                                                        `t12`.`ref`,
                                                                        `t12`.`touchpoint`,
                                                                        `t12`.`channel`,
                                                                        `t12`.`device`,
                                                                        `t12`.`stage`,
                                                                        `t12`.`is_conversion`,
                                                                        `t12`.`value`,
                                                                        `t12`.`sentiment`,
                                                                        `t12`.`switch`,
                                                                        `t12`.`journey_id`,
                                                                        `t12`.`session_id`,
                                                                        `t12`.`step`,
                                                                        `t12`.`unit`,
                                                                        `t12`.`pos`,
                                                                        `t12`.`channel` AS `_bd`,
                                                                        CASE
                                                                          WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                          THEN 0
                                                                          WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                          THEN 1
                                                                          WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                          THEN 2
                                                                          WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                          THEN 3
                                                                          ELSE -1
                                                                        END AS `_k`
                                                                      FROM `t11` AS `t12`
                                                                      WHERE
                                                                        `t12`.`touchpoint` IN ('Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed')
                                                                        AND CASE
                                                                          WHEN `t12`.`touchpoint` IN ('Product Viewed')
                                                                          THEN 0
                                                                          WHEN `t12`.`touchpoint` IN ('Product Added')
                                                                          THEN 1
                                                                          WHEN `t12`.`touchpoint` IN ('Checkout Started')
                                                                          THEN 2
                                                                          WHEN `t12`.`touchpoint` IN ('Order Completed')
                                                                          THEN 3
                                                                          ELSE -1
                                                                        END = 0
                                                                    ) AS `t21`
                                                                  ) AS `t22`
                                                                  WHERE
                                                                    `t22`.`pos` = `t22`.`_fp`
                                                                ) AS `t23`
                                                              ) AS `t24`
                                                              WHERE
                                                                `t24`.`_k` = 0
                                                            ) AS `t28`
                                                            INNER JOIN (
                                                              SELECT
                                                                `t12`.`unit`,
                                                                `t12`.`at` AS `_at`,
                                                                `t12`.`pos` AS `_pos`
                                                              FROM `t11` AS `t12`
                                                              WHERE
                                                                `t12`.`touchpoint` IN ('Product Added')
                                                            ) AS `t20`
                                                              ON `t28`.`unit` = `t20`.`unit`
                                                          ) AS `t29`
                                                          WHERE
                                                            `t29`.`_pos` > `t29`.`_prev_p`
                                                            AND (
                                                              CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                                            ) <= 604800
                                                        ) AS `t30`
                                                        GROUP BY
                                                          1,
                                                          2
                                                      ) AS `t32`
                                                        ON `t27`.`unit` = `t32`.`unit` AND `t27`.`_cand` = `t32`.`_cand`
                                                    ) AS `t33`
                                                  ) AS `t34`
                                                ) AS `t38`
                                                INNER JOIN (
                                                  SELECT
                                                    `t12`.`unit`,
                                                    `t12`.`at` AS `_at`,
                                                    `t12`.`pos` AS `_pos`
                                                  FROM `t11` AS `t12`
                                                  WHERE
                                                    `t12`.`touchpoint` IN ('Checkout Started')
                                                ) AS `t19`
                                                  ON `t38`.`unit` = `t19`.`unit`
                                              ) AS `t39`
                                              WHERE
                                                `t39`.`_pos` > `t39`.`_prev_p`
                                                AND (
                                                  CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t39`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t39`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                                ) <= 604800
                                            ) AS `t40`
                                            GROUP BY
                                              1,
                                              2
                                          ) AS `t42`
                                            ON `t37`.`unit` = `t42`.`unit` AND `t37`.`_cand` = `t42`.`_cand`
                                        ) AS `t43`
                                      ) AS `t44`
                                    ) AS `t47`
                                    INNER JOIN (
                                      SELECT
                                        `t12`.`unit`,
                                        `t12`.`at` AS `_at`,
                                        `t12`.`pos` AS `_pos`
                                      FROM `t11` AS `t12`
                                      WHERE
                                        `t12`.`touchpoint` IN ('Order Completed')
                                    ) AS `t18`
                                      ON `t47`.`unit` = `t18`.`unit`
                                  ) AS `t49`
                                  WHERE
                                    `t49`.`_pos` > `t49`.`_prev_p`
                                    AND (
                                      CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t49`.`_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t49`.`_entry` AS TIMESTAMP))) AS BIGINT)
                                    ) <= 604800
                                ) AS `t50`
                                GROUP BY
                                  1,
                                  2
                              ) AS `t52`
                                ON `t48`.`unit` = `t52`.`unit` AND `t48`.`_cand` = `t52`.`_cand`
                            ) AS `t53`
                          ) AS `t54`
                        ) AS `t55`
                      ) AS `t56`
                      WHERE
                        `t56`.`_rank` = 0
                    ) AS `t57`
                  ) AS `t58`
                ) AS `t60`
                LEFT OUTER JOIN (
                  SELECT
                    COALESCE(`t10`.`person_id`, `t10`.`person_id_right`) AS `person_id`,
                    `t10`.`persona`,
                    `t10`.`stage`
                  FROM (
                    SELECT
                      `t6`.`person_id`,
                      `t6`.`persona`,
                      `t7`.`person_id` AS `person_id_right`,
                      `t7`.`stage`
                    FROM (
                      SELECT
                        `t1`.`person_id`,
                        `t1`.`persona_name` AS `persona`
                      FROM `persona_assignments` AS `t1`
                    ) AS `t6`
                    FULL OUTER JOIN (
                      SELECT
                        `t2`.`person_id`,
                        `t2`.`stage`
                      FROM `customer_value` AS `t2`
                    ) AS `t7`
                      ON `t6`.`person_id` = `t7`.`person_id`
                  ) AS `t10`
                ) AS `t14`
                  ON `t60`.`person_id` = `t14`.`person_id`
              ) AS `t61`
            ) AS `t62`
            WHERE
              NOT (
                `t62`.`t3` IS NOT NULL
              )
          ) AS `t66`
          INNER JOIN (
            SELECT
              `t0`.`person_id`,
              `t0`.`at` AS `_vat`,
              COALESCE(`t0`.`sentiment` = -1, FALSE) AS `_isneg`,
              `t0`.`source` = 'tickets' AS `_istick`
            FROM `cxlens`.`main`.`touchpoints` AS `t0`
            WHERE
              (
                `t0`.`sentiment` = -1
              ) OR (
                `t0`.`source` = 'tickets'
              )
          ) AS `t9`
            ON `t66`.`person_id` = `t9`.`person_id`
        ) AS `t67`
        WHERE
          `t67`.`_vat` >= `t67`.`_last`
          AND (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t67`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t67`.`_last` AS TIMESTAMP))) AS BIGINT)
          ) <= 2592000
      ) AS `t68`
      GROUP BY
        1
    ) AS `t70`
      ON `t65`.`unit` = `t70`.`unit`
  ) AS `t71`
) AS `t72`
