SELECT
  `t36`.`person_id`,
  CASE
    WHEN `t36`.`stage` IS NOT NULL
    THEN 'customer'
    WHEN `t36`.`known`
    THEN 'prospect'
    ELSE 'anonymous'
  END AS `status`,
  CASE
    WHEN `t36`.`stage` IS NOT NULL
    THEN `t36`.`stage`
    WHEN `t36`.`known`
    THEN 'prospect'
    ELSE CAST(NULL AS STRING)
  END AS `stage`,
  CASE
    WHEN `t36`.`previous_stage` IS NOT NULL
    THEN `t36`.`previous_stage`
    WHEN `t36`.`known` AND `t36`.`seen_before`
    THEN 'prospect'
    WHEN `t36`.`known`
    THEN 'not yet seen'
    ELSE CAST(NULL AS STRING)
  END AS `previous_stage`,
  `t36`.`rfm_segment`,
  CAST(`t36`.`first_purchase` AS DATE) AS `first_purchase`,
  CAST(`t36`.`last_purchase` AS DATE) AS `last_purchase`,
  `t36`.`purchases`,
  `t36`.`orders`,
  `t36`.`revenue`,
  `t36`.`frequency`,
  `t36`.`recency`,
  `t36`.`days_since_first`,
  `t36`.`days_since_last`,
  `t36`.`monetary`,
  `t36`.`r_score`,
  `t36`.`f_score`,
  `t36`.`m_score`,
  `t36`.`fm_score`,
  `t36`.`p_alive`,
  `t36`.`p_alive_bgnbd`,
  `t36`.`p_no_purchase`,
  `t36`.`expected_purchases`,
  `t36`.`expected_spend`,
  `t36`.`clv`,
  `t36`.`clv_decile`,
  `t36`.`clv_rank`,
  `t36`.`overdue`,
  `t36`.`known`,
  CAST(`t36`.`first_seen` AS TIMESTAMP) AS `first_seen`,
  MAKE_DATE(2026, 6, 29) AS `as_of`
FROM (
  SELECT
    `t35`.`person_id`,
    `t35`.`first_seen`,
    `t35`.`known`,
    `t35`.`seen_before`,
    `t35`.`days_since_first`,
    `t35`.`days_since_last`,
    `t35`.`overdue`,
    `t35`.`p_alive`,
    `t35`.`p_alive_bgnbd`,
    `t35`.`expected_purchases`,
    `t35`.`p_no_purchase`,
    `t35`.`expected_spend`,
    `t35`.`clv`,
    `t35`.`previous_stage`,
    `t35`.`clv_rank`,
    `t35`.`stage`,
    `t35`.`first_purchase`,
    `t35`.`last_purchase`,
    `t35`.`purchases`,
    `t35`.`orders`,
    `t35`.`revenue`,
    `t35`.`frequency`,
    `t35`.`recency`,
    `t35`.`monetary`,
    `t35`.`r_score`,
    `t35`.`f_score`,
    `t35`.`m_score`,
    `t35`.`fm_score`,
    `t35`.`rfm_segment`,
    `t35`.`clv_decile`
  FROM (
    SELECT
      `t22`.`person_id`,
      `t22`.`first_seen`,
      `t22`.`known`,
      `t22`.`seen_before`,
      `t34`.`person_id` AS `person_id_right`,
      `t34`.`days_since_first`,
      `t34`.`days_since_last`,
      `t34`.`overdue`,
      `t34`.`p_alive`,
      `t34`.`p_alive_bgnbd`,
      `t34`.`expected_purchases`,
      `t34`.`p_no_purchase`,
      `t34`.`expected_spend`,
      `t34`.`clv`,
      `t34`.`previous_stage`,
      `t34`.`clv_rank`,
      `t34`.`stage`,
      `t34`.`first_purchase`,
      `t34`.`last_purchase`,
      `t34`.`purchases`,
      `t34`.`orders`,
      `t34`.`revenue`,
      `t34`.`frequency`,
      `t34`.`recency`,
      `t34`.`monetary`,
      `t34`.`r_score`,
      `t34`.`f_score`,
      `t34`.`m_score`,
      `t34`.`fm_score`,
      `t34`.`rfm_segment`,
      `t34`.`clv_decile`
    FROM (
      SELECT
        `t18`.`person_id`,
        `t18`.`first_seen`,
        `t18`.`known`,
        CAST(`t18`.`first_seen` AS DATE) <= MAKE_DATE(2026, 3, 31) AS `seen_before`
      FROM (
        SELECT
          `t9`.`person_id`,
          `t9`.`first_seen`,
          `t16`.`known`
        FROM (
          SELECT
            `t0`.`person_id`,
            `t0`.`first_seen`
          FROM `profiles` AS `t0`
        ) AS `t9`
        INNER JOIN (
          SELECT
            `t1`.`person_id`,
            BOOL_OR(NOT (
              STARTSWITH(`t1`.`node`, 'anonymous_id:')
            )) AS `known`
          FROM `identity_map` AS `t1`
          GROUP BY
            1
        ) AS `t16`
          ON `t9`.`person_id` = `t16`.`person_id`
      ) AS `t18`
    ) AS `t22`
    LEFT OUTER JOIN (
      SELECT
        `t32`.`person_id`,
        `t32`.`days_since_first`,
        `t32`.`days_since_last`,
        `t32`.`overdue`,
        `t32`.`p_alive`,
        `t32`.`p_alive_bgnbd`,
        `t32`.`expected_purchases`,
        `t32`.`p_no_purchase`,
        `t32`.`expected_spend`,
        `t32`.`clv`,
        `t32`.`previous_stage`,
        `t32`.`clv_rank`,
        `t32`.`stage`,
        `t32`.`first_purchase`,
        `t32`.`last_purchase`,
        `t32`.`purchases`,
        `t32`.`orders`,
        `t32`.`revenue`,
        `t32`.`frequency`,
        `t32`.`recency`,
        `t32`.`monetary`,
        `t32`.`r_score`,
        `t32`.`f_score`,
        `t32`.`m_score`,
        `t32`.`fm_score`,
        `t32`.`rfm_segment`,
        11 - IF(
          `t32`.`clv` IS NOT NULL AND NOT ISNAN(`t32`.`clv`),
          LEAST(
            CAST(FLOOR(
              (
                (
                  RANK() OVER (ORDER BY `t32`.`clv` ASC NULLS LAST) - 1
                ) * 10
              ) / GREATEST(
                COUNT(`t32`.`clv`) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                1
              )
            ) AS BIGINT) + 1,
            10
          ),
          CAST(NULL AS BIGINT)
        ) AS `clv_decile`
      FROM (
        SELECT
          `t31`.`person_id`,
          `t31`.`days_since_first`,
          `t31`.`days_since_last`,
          `t31`.`overdue`,
          `t31`.`p_alive`,
          `t31`.`p_alive_bgnbd`,
          `t31`.`expected_purchases`,
          `t31`.`p_no_purchase`,
          `t31`.`expected_spend`,
          `t31`.`clv`,
          `t31`.`previous_stage`,
          `t31`.`clv_rank`,
          `t31`.`stage`,
          `t31`.`first_purchase`,
          `t31`.`last_purchase`,
          `t31`.`purchases`,
          `t31`.`orders`,
          `t31`.`revenue`,
          `t31`.`frequency`,
          `t31`.`recency`,
          `t31`.`monetary`,
          `t31`.`r_score`,
          `t31`.`f_score`,
          `t31`.`m_score`,
          `t31`.`fm_score`,
          `t5`.`rfm_segment`
        FROM (
          SELECT
            `t29`.`person_id`,
            `t29`.`days_since_first`,
            `t29`.`days_since_last`,
            `t29`.`overdue`,
            `t29`.`p_alive`,
            `t29`.`p_alive_bgnbd`,
            `t29`.`expected_purchases`,
            `t29`.`p_no_purchase`,
            `t29`.`expected_spend`,
            `t29`.`clv`,
            `t29`.`previous_stage`,
            `t29`.`clv_rank`,
            `t29`.`stage`,
            `t29`.`first_purchase`,
            `t29`.`last_purchase`,
            `t29`.`purchases`,
            `t29`.`orders`,
            `t29`.`revenue`,
            `t29`.`frequency`,
            `t29`.`recency`,
            `t29`.`monetary`,
            `t29`.`r_score`,
            `t29`.`f_score`,
            `t29`.`m_score`,
            CAST(FLOOR((
              `t29`.`f_score` + `t29`.`m_score` + 1
            ) / 2) AS BIGINT) AS `fm_score`
          FROM (
            SELECT
              `t28`.`person_id`,
              `t28`.`days_since_first`,
              `t28`.`days_since_last`,
              `t28`.`overdue`,
              `t28`.`p_alive`,
              `t28`.`p_alive_bgnbd`,
              `t28`.`expected_purchases`,
              `t28`.`p_no_purchase`,
              `t28`.`expected_spend`,
              `t28`.`clv`,
              `t28`.`previous_stage`,
              `t28`.`clv_rank`,
              `t28`.`stage`,
              `t28`.`first_purchase`,
              `t28`.`last_purchase`,
              `t28`.`purchases`,
              `t28`.`orders`,
              `t28`.`revenue`,
              `t28`.`frequency`,
              `t28`.`recency`,
              `t28`.`monetary`,
              IF(
                -(
                  `t28`.`days_since_last`
                ) IS NOT NULL,
                LEAST(
                  CAST(FLOOR(
                    (
                      (
                        RANK() OVER (ORDER BY -(
                          `t28`.`days_since_last`
                        ) ASC NULLS LAST) - 1
                      ) * 5
                    ) / GREATEST(
                      COUNT(-(
                        `t28`.`days_since_last`
                      )) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                      1
                    )
                  ) AS BIGINT) + 1,
                  5
                ),
                CAST(NULL AS BIGINT)
              ) AS `r_score`,
              IF(
                `t28`.`purchases` IS NOT NULL,
                LEAST(
                  CAST(FLOOR(
                    (
                      (
                        RANK() OVER (ORDER BY `t28`.`purchases` ASC NULLS LAST) - 1
                      ) * 5
                    ) / GREATEST(
                      COUNT(`t28`.`purchases`) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                      1
                    )
                  ) AS BIGINT) + 1,
                  5
                ),
                CAST(NULL AS BIGINT)
              ) AS `f_score`,
              IF(
                `t28`.`revenue` IS NOT NULL AND NOT ISNAN(`t28`.`revenue`),
                LEAST(
                  CAST(FLOOR(
                    (
                      (
                        RANK() OVER (ORDER BY `t28`.`revenue` ASC NULLS LAST) - 1
                      ) * 5
                    ) / GREATEST(
                      COUNT(`t28`.`revenue`) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
                      1
                    )
                  ) AS BIGINT) + 1,
                  5
                ),
                CAST(NULL AS BIGINT)
              ) AS `m_score`
            FROM (
              SELECT
                `t27`.`person_id`,
                `t27`.`days_since_first`,
                `t27`.`days_since_last`,
                `t27`.`overdue`,
                `t27`.`p_alive`,
                `t27`.`p_alive_bgnbd`,
                `t27`.`expected_purchases`,
                `t27`.`p_no_purchase`,
                `t27`.`expected_spend`,
                `t27`.`clv`,
                `t27`.`previous_stage`,
                `t27`.`clv_rank`,
                `t27`.`stage`,
                `t8`.`first_purchase`,
                `t8`.`last_purchase`,
                `t8`.`purchases`,
                `t8`.`orders`,
                `t8`.`revenue`,
                `t8`.`frequency`,
                `t8`.`recency`,
                `t8`.`monetary`
              FROM (
                SELECT
                  `t25`.`person_id`,
                  `t25`.`days_since_first`,
                  `t25`.`days_since_last`,
                  `t25`.`overdue`,
                  `t25`.`p_alive`,
                  `t25`.`p_alive_bgnbd`,
                  `t25`.`expected_purchases`,
                  `t25`.`p_no_purchase`,
                  `t25`.`expected_spend`,
                  `t25`.`clv`,
                  `t25`.`previous_stage`,
                  `t25`.`clv_rank`,
                  CASE
                    WHEN `t25`.`days_since_first` < 90
                    THEN 'new'
                    WHEN (
                      COALESCE(`t25`.`previous_stage`, '') = 'lapsed'
                    )
                    AND (
                      `t25`.`days_since_last` < 90
                    )
                    THEN 'won_back'
                    WHEN (
                      `t25`.`p_no_purchase` >= 0.85
                    ) AND (
                      `t25`.`overdue` >= 3.0
                    )
                    THEN 'lapsed'
                    WHEN (
                      `t25`.`p_no_purchase` >= 0.6
                    ) AND (
                      `t25`.`overdue` >= 1.5
                    )
                    THEN 'at_risk'
                    WHEN `t25`.`clv_rank` <= 0.1
                    THEN 'loyal'
                    ELSE 'active'
                  END AS `stage`
                FROM (
                  SELECT
                    `t24`.`person_id`,
                    `t24`.`days_since_first`,
                    `t24`.`days_since_last`,
                    `t24`.`overdue`,
                    `t24`.`p_alive`,
                    `t24`.`p_alive_bgnbd`,
                    `t24`.`expected_purchases`,
                    `t24`.`p_no_purchase`,
                    `t24`.`expected_spend`,
                    `t24`.`clv`,
                    `t24`.`previous_stage`,
                    CUME_DIST() OVER (ORDER BY `t24`.`clv` DESC) AS `clv_rank`
                  FROM (
                    SELECT
                      `t23`.`person_id`,
                      `t23`.`days_since_first`,
                      `t23`.`days_since_last`,
                      `t23`.`overdue`,
                      `t23`.`p_alive`,
                      `t23`.`p_alive_bgnbd`,
                      `t23`.`expected_purchases`,
                      `t23`.`p_no_purchase`,
                      `t23`.`expected_spend`,
                      `t23`.`clv`,
                      `t23`.`previous_stage`
                    FROM (
                      SELECT
                        `t15`.`person_id`,
                        `t15`.`days_since_first`,
                        `t15`.`days_since_last`,
                        `t15`.`overdue`,
                        `t15`.`p_alive`,
                        `t15`.`p_alive_bgnbd`,
                        `t15`.`expected_purchases`,
                        `t15`.`p_no_purchase`,
                        `t15`.`expected_spend`,
                        `t15`.`clv`,
                        `t21`.`person_id` AS `person_id_right`,
                        `t21`.`previous_stage`
                      FROM (
                        SELECT
                          `t10`.`person_id`,
                          `t10`.`days_since_first`,
                          `t10`.`days_since_last`,
                          `t10`.`overdue`,
                          `t10`.`p_alive`,
                          `t10`.`p_alive_bgnbd`,
                          `t10`.`expected_purchases`,
                          `t10`.`p_no_purchase`,
                          `t10`.`expected_spend`,
                          `t10`.`clv`
                        FROM (
                          SELECT
                            *
                          FROM `temp`.`main`.`value_scores` AS `t4`
                          WHERE
                            `t4`.`snapshot` = 'current'
                        ) AS `t10`
                      ) AS `t15`
                      LEFT OUTER JOIN (
                        SELECT
                          `t17`.`person_id`,
                          CASE
                            WHEN `t17`.`days_since_first` < 90
                            THEN 'new'
                            WHEN (
                              `t17`.`p_no_purchase` >= 0.85
                            ) AND (
                              `t17`.`overdue` >= 3.0
                            )
                            THEN 'lapsed'
                            WHEN (
                              `t17`.`p_no_purchase` >= 0.6
                            ) AND (
                              `t17`.`overdue` >= 1.5
                            )
                            THEN 'at_risk'
                            WHEN `t17`.`clv_rank` <= 0.1
                            THEN 'loyal'
                            ELSE 'active'
                          END AS `previous_stage`
                        FROM (
                          SELECT
                            `t13`.`person_id`,
                            `t13`.`days_since_first`,
                            `t13`.`days_since_last`,
                            `t13`.`overdue`,
                            `t13`.`p_alive`,
                            `t13`.`p_alive_bgnbd`,
                            `t13`.`expected_purchases`,
                            `t13`.`p_no_purchase`,
                            `t13`.`expected_spend`,
                            `t13`.`clv`,
                            CUME_DIST() OVER (ORDER BY `t13`.`clv` DESC) AS `clv_rank`
                          FROM (
                            SELECT
                              `t11`.`person_id`,
                              `t11`.`days_since_first`,
                              `t11`.`days_since_last`,
                              `t11`.`overdue`,
                              `t11`.`p_alive`,
                              `t11`.`p_alive_bgnbd`,
                              `t11`.`expected_purchases`,
                              `t11`.`p_no_purchase`,
                              `t11`.`expected_spend`,
                              `t11`.`clv`
                            FROM (
                              SELECT
                                *
                              FROM `temp`.`main`.`value_scores` AS `t4`
                              WHERE
                                `t4`.`snapshot` = 'previous'
                            ) AS `t11`
                          ) AS `t13`
                        ) AS `t17`
                      ) AS `t21`
                        ON `t15`.`person_id` = `t21`.`person_id`
                    ) AS `t23`
                  ) AS `t24`
                ) AS `t25`
              ) AS `t27`
              INNER JOIN (
                SELECT
                  `t3`.`person_id`,
                  `t3`.`first_purchase`,
                  `t3`.`last_purchase`,
                  `t3`.`purchases`,
                  `t3`.`orders`,
                  `t3`.`revenue`,
                  `t3`.`frequency`,
                  `t3`.`recency`,
                  `t3`.`monetary`
                FROM `temp`.`main`.`value_summary` AS `t3`
              ) AS `t8`
                ON `t27`.`person_id` = `t8`.`person_id`
            ) AS `t28`
          ) AS `t29`
        ) AS `t31`
        INNER JOIN `ibis_table` AS `t5`
          ON `t31`.`r_score` = `t5`.`r_score` AND `t31`.`fm_score` = `t5`.`fm_score`
      ) AS `t32`
    ) AS `t34`
      ON `t22`.`person_id` = `t34`.`person_id`
  ) AS `t35`
) AS `t36`
