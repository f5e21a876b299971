WITH `t20` AS (
  SELECT
    `t19`.`type`,
    `t19`.`event`,
    `t19`.`timestamp`,
    `t19`.`user_id`,
    `t19`.`anonymous_id`,
    `t19`.`previous_id`,
    `t19`.`email`,
    `t19`.`record`,
    `t6`.`person_id`
  FROM (
    SELECT
      `t12`.`type`,
      `t12`.`event`,
      `t12`.`timestamp`,
      `t12`.`user_id`,
      `t12`.`anonymous_id`,
      `t12`.`previous_id`,
      `t12`.`email`,
      CONCAT(
        'events:',
        CONCAT(
          CONCAT(
            CONCAT(
              CONCAT(
                CONCAT(CONCAT(COALESCE(`t12`.`user_id`, ''), '|'), COALESCE(`t12`.`anonymous_id`, '')),
                '|'
              ),
              COALESCE(`t12`.`previous_id`, '')
            ),
            '|'
          ),
          COALESCE(`t12`.`email`, '')
        )
      ) AS `record`
    FROM (
      SELECT
        `t4`.`type`,
        `t4`.`event`,
        `t4`.`timestamp`,
        `t4`.`user_id`,
        `t4`.`anonymous_id`,
        IF(`t4`.`type` = 'alias', `t4`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
        NULLIF(
          REGEXP_REPLACE(
            LOWER(NULLIF(REGEXP_EXTRACT(`t4`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
            '^\\s+|\\s+$',
            ''
          ),
          ''
        ) AS `email`
      FROM `events` AS `t4`
    ) AS `t12`
  ) AS `t19`
  INNER JOIN `identity_records` AS `t6`
    ON `t19`.`record` = `t6`.`record`
)
SELECT
  `t36`.`segment`,
  `t36`.`person_id`,
  `t36`.`joined`
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t32`.`person_id`,
      'checkout_abandoners' AS `segment`,
      MAKE_DATE(2026, 12, 1) AS `joined`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t15`.`person_id`,
          `t15`.`identifiers`,
          `t15`.`devices`,
          `t15`.`first_name`,
          `t15`.`last_name`,
          `t15`.`email`,
          `t15`.`phone`,
          `t15`.`birth_date`,
          `t15`.`gender`,
          `t15`.`address`,
          `t15`.`postcode`,
          `t15`.`city`,
          `t15`.`loyalty_id`,
          `t15`.`consent_email`,
          `t15`.`consent_sms`,
          `t15`.`consent_ads`,
          `t15`.`contacts`,
          `t15`.`orders`,
          `t15`.`events`,
          `t15`.`feedback`,
          `t15`.`tickets`,
          `t15`.`mentions`,
          `t15`.`revenue`,
          `t15`.`first_seen`,
          `t15`.`last_seen`,
          `t15`.`channels`,
          `t15`.`status`,
          `t15`.`stage`,
          `t15`.`previous_stage`,
          `t15`.`rfm_segment`,
          `t15`.`first_purchase`,
          `t15`.`last_purchase`,
          `t15`.`purchases`,
          `t15`.`frequency`,
          `t15`.`recency`,
          `t15`.`days_since_first`,
          `t15`.`days_since_last`,
          `t15`.`monetary`,
          `t15`.`r_score`,
          `t15`.`f_score`,
          `t15`.`m_score`,
          `t15`.`fm_score`,
          `t15`.`p_alive`,
          `t15`.`p_alive_bgnbd`,
          `t15`.`p_no_purchase`,
          `t15`.`expected_purchases`,
          `t15`.`expected_spend`,
          `t15`.`clv`,
          `t15`.`clv_decile`,
          `t15`.`clv_rank`,
          `t15`.`overdue`,
          `t15`.`known`,
          `t15`.`as_of`,
          `t15`.`persona`,
          `t15`.`persona_id`
        FROM (
          SELECT
            `t14`.`person_id`,
            `t14`.`identifiers`,
            `t14`.`devices`,
            `t14`.`first_name`,
            `t14`.`last_name`,
            `t14`.`email`,
            `t14`.`phone`,
            `t14`.`birth_date`,
            `t14`.`gender`,
            `t14`.`address`,
            `t14`.`postcode`,
            `t14`.`city`,
            `t14`.`loyalty_id`,
            `t14`.`consent_email`,
            `t14`.`consent_sms`,
            `t14`.`consent_ads`,
            `t14`.`contacts`,
            `t14`.`orders`,
            `t14`.`events`,
            `t14`.`feedback`,
            `t14`.`tickets`,
            `t14`.`mentions`,
            `t14`.`revenue`,
            `t14`.`first_seen`,
            `t14`.`last_seen`,
            `t14`.`channels`,
            `t14`.`status`,
            `t14`.`stage`,
            `t14`.`previous_stage`,
            `t14`.`rfm_segment`,
            `t14`.`first_purchase`,
            `t14`.`last_purchase`,
            `t14`.`purchases`,
            `t14`.`frequency`,
            `t14`.`recency`,
            `t14`.`days_since_first`,
            `t14`.`days_since_last`,
            `t14`.`monetary`,
            `t14`.`r_score`,
            `t14`.`f_score`,
            `t14`.`m_score`,
            `t14`.`fm_score`,
            `t14`.`p_alive`,
            `t14`.`p_alive_bgnbd`,
            `t14`.`p_no_purchase`,
            `t14`.`expected_purchases`,
            `t14`.`expected_spend`,
            `t14`.`clv`,
            `t14`.`clv_decile`,
            `t14`.`clv_rank`,
            `t14`.`overdue`,
            `t14`.`known`,
            `t14`.`as_of`,
            `t9`.`person_id` AS `person_id_right`,
            `t9`.`persona`,
            `t9`.`persona_id`
          FROM (
            SELECT
              `t11`.`person_id`,
              `t11`.`identifiers`,
              `t11`.`devices`,
              `t11`.`first_name`,
              `t11`.`last_name`,
              `t11`.`email`,
              `t11`.`phone`,
              `t11`.`birth_date`,
              `t11`.`gender`,
              `t11`.`address`,
              `t11`.`postcode`,
              `t11`.`city`,
              `t11`.`loyalty_id`,
              `t11`.`consent_email`,
              `t11`.`consent_sms`,
              `t11`.`consent_ads`,
              `t11`.`contacts`,
              `t11`.`orders`,
              `t11`.`events`,
              `t11`.`feedback`,
              `t11`.`tickets`,
              `t11`.`mentions`,
              `t11`.`revenue`,
              `t11`.`first_seen`,
              `t11`.`last_seen`,
              `t11`.`channels`,
              `t11`.`status`,
              `t11`.`stage`,
              `t11`.`previous_stage`,
              `t11`.`rfm_segment`,
              `t11`.`first_purchase`,
              `t11`.`last_purchase`,
              `t11`.`purchases`,
              `t11`.`frequency`,
              `t11`.`recency`,
              `t11`.`days_since_first`,
              `t11`.`days_since_last`,
              `t11`.`monetary`,
              `t11`.`r_score`,
              `t11`.`f_score`,
              `t11`.`m_score`,
              `t11`.`fm_score`,
              `t11`.`p_alive`,
              `t11`.`p_alive_bgnbd`,
              `t11`.`p_no_purchase`,
              `t11`.`expected_purchases`,
              `t11`.`expected_spend`,
              `t11`.`clv`,
              `t11`.`clv_decile`,
              `t11`.`clv_rank`,
              `t11`.`overdue`,
              `t11`.`known`,
              `t11`.`as_of`
            FROM (
              SELECT
                `t5`.`person_id`,
                `t5`.`identifiers`,
                `t5`.`devices`,
                `t5`.`first_name`,
                `t5`.`last_name`,
                `t5`.`email`,
                `t5`.`phone`,
                `t5`.`birth_date`,
                `t5`.`gender`,
                `t5`.`address`,
                `t5`.`postcode`,
                `t5`.`city`,
                `t5`.`loyalty_id`,
                `t5`.`consent_email`,
                `t5`.`consent_sms`,
                `t5`.`consent_ads`,
                `t5`.`contacts`,
                `t5`.`orders`,
                `t5`.`events`,
                `t5`.`feedback`,
                `t5`.`tickets`,
                `t5`.`mentions`,
                `t5`.`revenue`,
                `t5`.`first_seen`,
                `t5`.`last_seen`,
                `t5`.`channels`,
                `t10`.`person_id` AS `person_id_right`,
                `t10`.`status`,
                `t10`.`stage`,
                `t10`.`previous_stage`,
                `t10`.`rfm_segment`,
                `t10`.`first_purchase`,
                `t10`.`last_purchase`,
                `t10`.`purchases`,
                `t10`.`frequency`,
                `t10`.`recency`,
                `t10`.`days_since_first`,
                `t10`.`days_since_last`,
                `t10`.`monetary`,
                `t10`.`r_score`,
                `t10`.`f_score`,
                `t10`.`m_score`,
                `t10`.`fm_score`,
                `t10`.`p_alive`,
                `t10`.`p_alive_bgnbd`,
                `t10`.`p_no_purchase`,
                `t10`.`expected_purchases`,
                `t10`.`expected_spend`,
                `t10`.`clv`,
                `t10`.`clv_decile`,
                `t10`.`clv_rank`,
                `t10`.`overdue`,
                `t10`.`known`,
                `t10`.`as_of`
              FROM `profiles` AS `t5`
              LEFT OUTER JOIN (
                SELECT
                  `t2`.`person_id`,
                  `t2`.`status`,
                  `t2`.`stage`,
                  `t2`.`previous_stage`,
                  `t2`.`rfm_segment`,
                  `t2`.`first_purchase`,
                  `t2`.`last_purchase`,
                  `t2`.`purchases`,
                  `t2`.`frequency`,
                  `t2`.`recency`,
                  `t2`.`days_since_first`,
                  `t2`.`days_since_last`,
                  `t2`.`monetary`,
                  `t2`.`r_score`,
                  `t2`.`f_score`,
                  `t2`.`m_score`,
                  `t2`.`fm_score`,
                  `t2`.`p_alive`,
                  `t2`.`p_alive_bgnbd`,
                  `t2`.`p_no_purchase`,
                  `t2`.`expected_purchases`,
                  `t2`.`expected_spend`,
                  `t2`.`clv`,
                  `t2`.`clv_decile`,
                  `t2`.`clv_rank`,
                  `t2`.`overdue`,
                  `t2`.`known`,
                  `t2`.`as_of`
                FROM `customer_value` AS `t2`
              ) AS `t10`
                ON `t5`.`person_id` = `t10`.`person_id`
            ) AS `t11`
          ) AS `t14`
          LEFT OUTER JOIN (
            SELECT
              `t0`.`person_id`,
              `t0`.`persona_name` AS `persona`,
              `t0`.`persona` AS `persona_id`
            FROM `persona_assignments` AS `t0`
          ) AS `t9`
            ON `t14`.`person_id` = `t9`.`person_id`
        ) AS `t15`
      ) AS `t16`
      WHERE
        `t16`.`person_id` IN (
          SELECT
            `t25`.`person_id`
          FROM (
            SELECT
              `t22`.`person_id`,
              COUNT(*) AS `n`
            FROM (
              SELECT
                *
              FROM `t20` AS `t21`
              WHERE
                (
                  (
                    `t21`.`event` = 'Checkout Started'
                  )
                  OR (
                    `t21`.`type` = 'checkout started'
                  )
                )
                AND `t21`.`timestamp` > CAST('2026-06-15T23:10:18.143000+00:00' AS TIMESTAMP)
                AND `t21`.`timestamp` <= CAST('2026-06-29T23:10:18.143000+00:00' AS TIMESTAMP)
            ) AS `t22`
            GROUP BY
              1
          ) AS `t25`
          WHERE
            `t25`.`n` >= 1
        )
        AND NOT (
          `t16`.`person_id` IN (
            SELECT
              `t26`.`person_id`
            FROM (
              SELECT
                `t23`.`person_id`,
                COUNT(*) AS `n`
              FROM (
                SELECT
                  *
                FROM `t20` AS `t21`
                WHERE
                  (
                    (
                      `t21`.`event` = 'Order Completed'
                    ) OR (
                      `t21`.`type` = 'order completed'
                    )
                  )
                  AND `t21`.`timestamp` > CAST('2026-06-15T23:10:18.143000+00:00' AS TIMESTAMP)
                  AND `t21`.`timestamp` <= CAST('2026-06-29T23:10:18.143000+00:00' AS TIMESTAMP)
              ) AS `t23`
              GROUP BY
                1
            ) AS `t26`
            WHERE
              `t26`.`n` >= 1
          )
        )
    ) AS `t32`
  ) AS `t34`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t16`.`person_id`,
        'valuable_at_risk' AS `segment`,
        MAKE_DATE(2026, 12, 1) AS `joined`
      FROM (
        SELECT
          `t15`.`person_id`,
          `t15`.`identifiers`,
          `t15`.`devices`,
          `t15`.`first_name`,
          `t15`.`last_name`,
          `t15`.`email`,
          `t15`.`phone`,
          `t15`.`birth_date`,
          `t15`.`gender`,
          `t15`.`address`,
          `t15`.`postcode`,
          `t15`.`city`,
          `t15`.`loyalty_id`,
          `t15`.`consent_email`,
          `t15`.`consent_sms`,
          `t15`.`consent_ads`,
          `t15`.`contacts`,
          `t15`.`orders`,
          `t15`.`events`,
          `t15`.`feedback`,
          `t15`.`tickets`,
          `t15`.`mentions`,
          `t15`.`revenue`,
          `t15`.`first_seen`,
          `t15`.`last_seen`,
          `t15`.`channels`,
          `t15`.`status`,
          `t15`.`stage`,
          `t15`.`previous_stage`,
          `t15`.`rfm_segment`,
          `t15`.`first_purchase`,
          `t15`.`last_purchase`,
          `t15`.`purchases`,
          `t15`.`frequency`,
          `t15`.`recency`,
          `t15`.`days_since_first`,
          `t15`.`days_since_last`,
          `t15`.`monetary`,
          `t15`.`r_score`,
          `t15`.`f_score`,
          `t15`.`m_score`,
          `t15`.`fm_score`,
          `t15`.`p_alive`,
          `t15`.`p_alive_bgnbd`,
          `t15`.`p_no_purchase`,
          `t15`.`expected_purchases`,
          `t15`.`expected_spend`,
          `t15`.`clv`,
          `t15`.`clv_decile`,
          `t15`.`clv_rank`,
          `t15`.`overdue`,
          `t15`.`known`,
          `t15`.`as_of`,
          `t15`.`persona`,
          `t15`.`persona_id`
        FROM (
          SELECT
            `t14`.`person_id`,
            `t14`.`identifiers`,
            `t14`.`devices`,
            `t14`.`first_name`,
            `t14`.`last_name`,
            `t14`.`email`,
            `t14`.`phone`,
            `t14`.`birth_date`,
            `t14`.`gender`,
            `t14`.`address`,
            `t14`.`postcode`,
            `t14`.`city`,
            `t14`.`loyalty_id`,
            `t14`.`consent_email`,
            `t14`.`consent_sms`,
            `t14`.`consent_ads`,
            `t14`.`contacts`,
            `t14`.`orders`,
            `t14`.`events`,
            `t14`.`feedback`,
            `t14`.`tickets`,
            `t14`.`mentions`,
            `t14`.`revenue`,
            `t14`.`first_seen`,
            `t14`.`last_seen`,
            `t14`.`channels`,
            `t14`.`status`,
            `t14`.`stage`,
            `t14`.`previous_stage`,
            `t14`.`rfm_segment`,
            `t14`.`first_purchase`,
            `t14`.`last_purchase`,
            `t14`.`purchases`,
            `t14`.`frequency`,
            `t14`.`recency`,
            `t14`.`days_since_first`,
            `t14`.`days_since_last`,
            `t14`.`monetary`,
            `t14`.`r_score`,
            `t14`.`f_score`,
            `t14`.`m_score`,
            `t14`.`fm_score`,
            `t14`.`p_alive`,
            `t14`.`p_alive_bgnbd`,
            `t14`.`p_no_purchase`,
            `t14`.`expected_purchases`,
            `t14`.`expected_spend`,
            `t14`.`clv`,
            `t14`.`clv_decile`,
            `t14`.`clv_rank`,
            `t14`.`overdue`,
            `t14`.`known`,
            `t14`.`as_of`,
            `t9`.`person_id` AS `person_id_right`,
            `t9`.`persona`,
            `t9`.`persona_id`
          FROM (
            SELECT
              `t11`.`person_id`,
              `t11`.`identifiers`,
              `t11`.`devices`,
              `t11`.`first_name`,
              `t11`.`last_name`,
              `t11`.`email`,
              `t11`.`phone`,
              `t11`.`birth_date`,
              `t11`.`gender`,
              `t11`.`address`,
              `t11`.`postcode`,
              `t11`.`city`,
              `t11`.`loyalty_id`,
              `t11`.`consent_email`,
              `t11`.`consent_sms`,
              `t11`.`consent_ads`,
              `t11`.`contacts`,
              `t11`.`orders`,
              `t11`.`events`,
              `t11`.`feedback`,
              `t11`.`tickets`,
              `t11`.`mentions`,
              `t11`.`revenue`,
              `t11`.`first_seen`,
              `t11`.`last_seen`,
              `t11`.`channels`,
              `t11`.`status`,
              `t11`.`stage`,
              `t11`.`previous_stage`,
              `t11`.`rfm_segment`,
              `t11`.`first_purchase`,
              `t11`.`last_purchase`,
              `t11`.`purchases`,
              `t11`.`frequency`,
              `t11`.`recency`,
              `t11`.`days_since_first`,
              `t11`.`days_since_last`,
              `t11`.`monetary`,
              `t11`.`r_score`,
              `t11`.`f_score`,
              `t11`.`m_score`,
              `t11`.`fm_score`,
              `t11`.`p_alive`,
              `t11`.`p_alive_bgnbd`,
              `t11`.`p_no_purchase`,
              `t11`.`expected_purchases`,
              `t11`.`expected_spend`,
              `t11`.`clv`,
              `t11`.`clv_decile`,
              `t11`.`clv_rank`,
              `t11`.`overdue`,
              `t11`.`known`,
              `t11`.`as_of`
            FROM (
              SELECT
                `t5`.`person_id`,
                `t5`.`identifiers`,
                `t5`.`devices`,
                `t5`.`first_name`,
                `t5`.`last_name`,
                `t5`.`email`,
                `t5`.`phone`,
                `t5`.`birth_date`,
                `t5`.`gender`,
                `t5`.`address`,
                `t5`.`postcode`,
                `t5`.`city`,
                `t5`.`loyalty_id`,
                `t5`.`consent_email`,
                `t5`.`consent_sms`,
                `t5`.`consent_ads`,
                `t5`.`contacts`,
                `t5`.`orders`,
                `t5`.`events`,
                `t5`.`feedback`,
                `t5`.`tickets`,
                `t5`.`mentions`,
                `t5`.`revenue`,
                `t5`.`first_seen`,
                `t5`.`last_seen`,
                `t5`.`channels`,
                `t10`.`person_id` AS `person_id_right`,
                `t10`.`status`,
                `t10`.`stage`,
                `t10`.`previous_stage`,
                `t10`.`rfm_segment`,
                `t10`.`first_purchase`,
                `t10`.`last_purchase`,
                `t10`.`purchases`,
                `t10`.`frequency`,
                `t10`.`recency`,
                `t10`.`days_since_first`,
                `t10`.`days_since_last`,
                `t10`.`monetary`,
                `t10`.`r_score`,
                `t10`.`f_score`,
                `t10`.`m_score`,
                `t10`.`fm_score`,
                `t10`.`p_alive`,
                `t10`.`p_alive_bgnbd`,
                `t10`.`p_no_purchase`,
                `t10`.`expected_purchases`,
                `t10`.`expected_spend`,
                `t10`.`clv`,
                `t10`.`clv_decile`,
                `t10`.`clv_rank`,
                `t10`.`overdue`,
                `t10`.`known`,
                `t10`.`as_of`
              FROM `profiles` AS `t5`
              LEFT OUTER JOIN (
                SELECT
                  `t2`.`person_id`,
                  `t2`.`status`,
                  `t2`.`stage`,
                  `t2`.`previous_stage`,
                  `t2`.`rfm_segment`,
                  `t2`.`first_purchase`,
                  `t2`.`last_purchase`,
                  `t2`.`purchases`,
                  `t2`.`frequency`,
                  `t2`.`recency`,
                  `t2`.`days_since_first`,
                  `t2`.`days_since_last`,
                  `t2`.`monetary`,
                  `t2`.`r_score`,
                  `t2`.`f_score`,
                  `t2`.`m_score`,
                  `t2`.`fm_score`,
                  `t2`.`p_alive`,
                  `t2`.`p_alive_bgnbd`,
                  `t2`.`p_no_purchase`,
                  `t2`.`expected_purchases`,
                  `t2`.`expected_spend`,
                  `t2`.`clv`,
                  `t2`.`clv_decile`,
                  `t2`.`clv_rank`,
                  `t2`.`overdue`,
                  `t2`.`known`,
                  `t2`.`as_of`
                FROM `customer_value` AS `t2`
              ) AS `t10`
                ON `t5`.`person_id` = `t10`.`person_id`
            ) AS `t11`
          ) AS `t14`
          LEFT OUTER JOIN (
            SELECT
              `t0`.`person_id`,
              `t0`.`persona_name` AS `persona`,
              `t0`.`persona` AS `persona_id`
            FROM `persona_assignments` AS `t0`
          ) AS `t9`
            ON `t14`.`person_id` = `t9`.`person_id`
        ) AS `t15`
      ) AS `t16`
      WHERE
        COALESCE(`t16`.`stage` IN ('at_risk', 'lapsed'), FALSE)
        AND COALESCE(`t16`.`clv` >= 100.0, FALSE)
    ) AS `t18`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        `t31`.`person_id`,
        'browsing_prospects' AS `segment`,
        MAKE_DATE(2026, 12, 1) AS `joined`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t15`.`person_id`,
            `t15`.`identifiers`,
            `t15`.`devices`,
            `t15`.`first_name`,
            `t15`.`last_name`,
            `t15`.`email`,
            `t15`.`phone`,
            `t15`.`birth_date`,
            `t15`.`gender`,
            `t15`.`address`,
            `t15`.`postcode`,
            `t15`.`city`,
            `t15`.`loyalty_id`,
            `t15`.`consent_email`,
            `t15`.`consent_sms`,
            `t15`.`consent_ads`,
            `t15`.`contacts`,
            `t15`.`orders`,
            `t15`.`events`,
            `t15`.`feedback`,
            `t15`.`tickets`,
            `t15`.`mentions`,
            `t15`.`revenue`,
            `t15`.`first_seen`,
            `t15`.`last_seen`,
            `t15`.`channels`,
            `t15`.`status`,
            `t15`.`stage`,
            `t15`.`previous_stage`,
            `t15`.`rfm_segment`,
            `t15`.`first_purchase`,
            `t15`.`last_purchase`,
            `t15`.`purchases`,
            `t15`.`frequency`,
            `t15`.`recency`,
            `t15`.`days_since_first`,
            `t15`.`days_since_last`,
            `t15`.`monetary`,
            `t15`.`r_score`,
            `t15`.`f_score`,
            `t15`.`m_score`,
            `t15`.`fm_score`,
            `t15`.`p_alive`,
            `t15`.`p_alive_bgnbd`,
            `t15`.`p_no_purchase`,
            `t15`.`expected_purchases`,
            `t15`.`expected_spend`,
            `t15`.`clv`,
            `t15`.`clv_decile`,
            `t15`.`clv_rank`,
            `t15`.`overdue`,
            `t15`.`known`,
            `t15`.`as_of`,
            `t15`.`persona`,
            `t15`.`persona_id`
          FROM (
            SELECT
              `t14`.`person_id`,
              `t14`.`identifiers`,
              `t14`.`devices`,
              `t14`.`first_name`,
              `t14`.`last_name`,
              `t14`.`email`,
              `t14`.`phone`,
              `t14`.`birth_date`,
              `t14`.`gender`,
              `t14`.`address`,
              `t14`.`postcode`,
              `t14`.`city`,
              `t14`.`loyalty_id`,
              `t14`.`consent_email`,
              `t14`.`consent_sms`,
              `t14`.`consent_ads`,
              `t14`.`contacts`,
              `t14`.`orders`,
              `t14`.`events`,
              `t14`.`feedback`,
              `t14`.`tickets`,
              `t14`.`mentions`,
              `t14`.`revenue`,
              `t14`.`first_seen`,
              `t14`.`last_seen`,
              `t14`.`channels`,
              `t14`.`status`,
              `t14`.`stage`,
              `t14`.`previous_stage`,
              `t14`.`rfm_segment`,
              `t14`.`first_purchase`,
              `t14`.`last_purchase`,
              `t14`.`purchases`,
              `t14`.`frequency`,
              `t14`.`recency`,
              `t14`.`days_since_first`,
              `t14`.`days_since_last`,
              `t14`.`monetary`,
              `t14`.`r_score`,
              `t14`.`f_score`,
              `t14`.`m_score`,
              `t14`.`fm_score`,
              `t14`.`p_alive`,
              `t14`.`p_alive_bgnbd`,
              `t14`.`p_no_purchase`,
              `t14`.`expected_purchases`,
              `t14`.`expected_spend`,
              `t14`.`clv`,
              `t14`.`clv_decile`,
              `t14`.`clv_rank`,
              `t14`.`overdue`,
              `t14`.`known`,
              `t14`.`as_of`,
              `t9`.`person_id` AS `person_id_right`,
              `t9`.`persona`,
              `t9`.`persona_id`
            FROM (
              SELECT
                `t11`.`person_id`,
                `t11`.`identifiers`,
                `t11`.`devices`,
                `t11`.`first_name`,
                `t11`.`last_name`,
                `t11`.`email`,
                `t11`.`phone`,
                `t11`.`birth_date`,
                `t11`.`gender`,
                `t11`.`address`,
                `t11`.`postcode`,
                `t11`.`city`,
                `t11`.`loyalty_id`,
                `t11`.`consent_email`,
                `t11`.`consent_sms`,
                `t11`.`consent_ads`,
                `t11`.`contacts`,
                `t11`.`orders`,
                `t11`.`events`,
                `t11`.`feedback`,
                `t11`.`tickets`,
                `t11`.`mentions`,
                `t11`.`revenue`,
                `t11`.`first_seen`,
                `t11`.`last_seen`,
                `t11`.`channels`,
                `t11`.`status`,
                `t11`.`stage`,
                `t11`.`previous_stage`,
                `t11`.`rfm_segment`,
                `t11`.`first_purchase`,
                `t11`.`last_purchase`,
                `t11`.`purchases`,
                `t11`.`frequency`,
                `t11`.`recency`,
                `t11`.`days_since_first`,
                `t11`.`days_since_last`,
                `t11`.`monetary`,
                `t11`.`r_score`,
                `t11`.`f_score`,
                `t11`.`m_score`,
                `t11`.`fm_score`,
                `t11`.`p_alive`,
                `t11`.`p_alive_bgnbd`,
                `t11`.`p_no_purchase`,
                `t11`.`expected_purchases`,
                `t11`.`expected_spend`,
                `t11`.`clv`,
                `t11`.`clv_decile`,
                `t11`.`clv_rank`,
                `t11`.`overdue`,
                `t11`.`known`,
                `t11`.`as_of`
              FROM (
                SELECT
                  `t5`.`person_id`,
                  `t5`.`identifiers`,
                  `t5`.`devices`,
                  `t5`.`first_name`,
                  `t5`.`last_name`,
                  `t5`.`email`,
                  `t5`.`phone`,
                  `t5`.`birth_date`,
                  `t5`.`gender`,
                  `t5`.`address`,
                  `t5`.`postcode`,
                  `t5`.`city`,
                  `t5`.`loyalty_id`,
                  `t5`.`consent_email`,
                  `t5`.`consent_sms`,
                  `t5`.`consent_ads`,
                  `t5`.`contacts`,
                  `t5`.`orders`,
                  `t5`.`events`,
                  `t5`.`feedback`,
                  `t5`.`tickets`,
                  `t5`.`mentions`,
                  `t5`.`revenue`,
                  `t5`.`first_seen`,
                  `t5`.`last_seen`,
                  `t5`.`channels`,
                  `t10`.`person_id` AS `person_id_right`,
                  `t10`.`status`,
                  `t10`.`stage`,
                  `t10`.`previous_stage`,
                  `t10`.`rfm_segment`,
                  `t10`.`first_purchase`,
                  `t10`.`last_purchase`,
                  `t10`.`purchases`,
                  `t10`.`frequency`,
                  `t10`.`recency`,
                  `t10`.`days_since_first`,
                  `t10`.`days_since_last`,
                  `t10`.`monetary`,
                  `t10`.`r_score`,
                  `t10`.`f_score`,
                  `t10`.`m_score`,
                  `t10`.`fm_score`,
                  `t10`.`p_alive`,
                  `t10`.`p_alive_bgnbd`,
                  `t10`.`p_no_purchase`,
                  `t10`.`expected_purchases`,
                  `t10`.`expected_spend`,
                  `t10`.`clv`,
                  `t10`.`clv_decile`,
                  `t10`.`clv_rank`,
                  `t10`.`overdue`,
                  `t10`.`known`,
                  `t10`.`as_of`
                FROM `profiles` AS `t5`
                LEFT OUTER JOIN (
                  SELECT
                    `t2`.`person_id`,
                    `t2`.`status`,
                    `t2`.`stage`,
                    `t2`.`previous_stage`,
                    `t2`.`rfm_segment`,
                    `t2`.`first_purchase`,
                    `t2`.`last_purchase`,
                    `t2`.`purchases`,
                    `t2`.`frequency`,
                    `t2`.`recency`,
                    `t2`.`days_since_first`,
                    `t2`.`days_since_last`,
                    `t2`.`monetary`,
                    `t2`.`r_score`,
                    `t2`.`f_score`,
                    `t2`.`m_score`,
                    `t2`.`fm_score`,
                    `t2`.`p_alive`,
                    `t2`.`p_alive_bgnbd`,
                    `t2`.`p_no_purchase`,
                    `t2`.`expected_purchases`,
                    `t2`.`expected_spend`,
                    `t2`.`clv`,
                    `t2`.`clv_decile`,
                    `t2`.`clv_rank`,
                    `t2`.`overdue`,
                    `t2`.`known`,
                    `t2`.`as_of`
                  FROM `customer_value` AS `t2`
                ) AS `t10`
                  ON `t5`.`person_id` = `t10`.`person_id`
              ) AS `t11`
            ) AS `t14`
            LEFT OUTER JOIN (
              SELECT
                `t0`.`person_id`,
                `t0`.`persona_name` AS `persona`,
                `t0`.`persona` AS `persona_id`
              FROM `persona_assignments` AS `t0`
            ) AS `t9`
              ON `t14`.`person_id` = `t9`.`person_id`
          ) AS `t15`
        ) AS `t16`
        WHERE
          COALESCE(`t16`.`status` = 'prospect', FALSE)
          AND `t16`.`person_id` IN (
            SELECT
              `t27`.`person_id`
            FROM (
              SELECT
                `t24`.`person_id`,
                COUNT(*) AS `n`
              FROM (
                SELECT
                  *
                FROM `t20` AS `t21`
                WHERE
                  (
                    (
                      `t21`.`event` = 'Product Viewed'
                    ) OR (
                      `t21`.`type` = 'product viewed'
                    )
                  )
                  AND `t21`.`timestamp` > CAST('2026-05-30T23:10:18.143000+00:00' AS TIMESTAMP)
                  AND `t21`.`timestamp` <= CAST('2026-06-29T23:10:18.143000+00:00' AS TIMESTAMP)
              ) AS `t24`
              GROUP BY
                1
            ) AS `t27`
            WHERE
              `t27`.`n` >= 2
          )
      ) AS `t31`
    ) AS `t33`
  ) AS `t35`
) AS `t36`
