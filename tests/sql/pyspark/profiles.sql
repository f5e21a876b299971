WITH `t25` AS (
  SELECT
    `t16`.`record`,
    `t16`.`channel`,
    `t16`.`n`,
    `t16`.`amount`,
    `t16`.`first`,
    `t16`.`last`,
    `t9`.`person_id`
  FROM (
    SELECT
      CONCAT('orders:', `t1`.`order_id`) AS `record`,
      `t1`.`channel`,
      1 AS `n`,
      `t1`.`total` AS `amount`,
      `t1`.`ordered_at` AS `first`,
      `t1`.`ordered_at` AS `last`
    FROM `orders` AS `t1`
  ) AS `t16`
  INNER JOIN `identity_records` AS `t9`
    ON `t16`.`record` = `t9`.`record`
), `t26` AS (
  SELECT
    `t17`.`record`,
    `t17`.`channel`,
    `t17`.`n`,
    `t17`.`amount`,
    `t17`.`first`,
    `t17`.`last`,
    `t9`.`person_id`
  FROM (
    SELECT
      CONCAT('feedback:', `t3`.`response_id`) AS `record`,
      `t3`.`channel`,
      1 AS `n`,
      0.0 AS `amount`,
      `t3`.`submitted_at` AS `first`,
      `t3`.`submitted_at` AS `last`
    FROM `feedback` AS `t3`
  ) AS `t17`
  INNER JOIN `identity_records` AS `t9`
    ON `t17`.`record` = `t9`.`record`
), `t27` AS (
  SELECT
    `t18`.`record`,
    `t18`.`channel`,
    `t18`.`n`,
    `t18`.`amount`,
    `t18`.`first`,
    `t18`.`last`,
    `t9`.`person_id`
  FROM (
    SELECT
      CONCAT('tickets:', `t4`.`ticket_id`) AS `record`,
      `t4`.`channel`,
      1 AS `n`,
      0.0 AS `amount`,
      `t4`.`opened_at` AS `first`,
      `t4`.`opened_at` AS `last`
    FROM `tickets` AS `t4`
  ) AS `t18`
  INNER JOIN `identity_records` AS `t9`
    ON `t18`.`record` = `t9`.`record`
), `t52` AS (
  SELECT
    `t51`.`record`,
    `t51`.`channel`,
    `t51`.`n`,
    `t51`.`amount`,
    `t51`.`first`,
    `t51`.`last`,
    `t9`.`person_id`
  FROM (
    SELECT
      CONCAT(
        'events:',
        CONCAT(
          CONCAT(
            CONCAT(
              CONCAT(
                CONCAT(CONCAT(COALESCE(`t24`.`user_id`, ''), '|'), COALESCE(`t24`.`anonymous_id`, '')),
                '|'
              ),
              COALESCE(`t24`.`previous_id`, '')
            ),
            '|'
          ),
          COALESCE(`t24`.`email`, '')
        )
      ) AS `record`,
      `t24`.`channel`,
      COUNT(*) AS `n`,
      0.0 AS `amount`,
      MIN(`t24`.`timestamp`) AS `first`,
      MAX(`t24`.`timestamp`) AS `last`
    FROM (
      SELECT
        `t6`.`timestamp`,
        `t6`.`channel`,
        `t6`.`user_id`,
        `t6`.`anonymous_id`,
        IF(`t6`.`type` = 'alias', `t6`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
        NULLIF(
          REGEXP_REPLACE(
            LOWER(NULLIF(REGEXP_EXTRACT(`t6`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
            '^\\s+|\\s+$',
            ''
          ),
          ''
        ) AS `email`
      FROM `events` AS `t6`
    ) AS `t24`
    GROUP BY
      1,
      2
  ) AS `t51`
  INNER JOIN `identity_records` AS `t9`
    ON `t51`.`record` = `t9`.`record`
)
SELECT
  `t68`.`person_id`,
  `t68`.`identifiers`,
  `t68`.`devices`,
  `t68`.`first_name`,
  `t68`.`last_name`,
  `t68`.`email`,
  `t68`.`phone`,
  `t68`.`birth_date`,
  `t68`.`gender`,
  `t68`.`address`,
  `t68`.`postcode`,
  `t68`.`city`,
  `t68`.`loyalty_id`,
  `t68`.`consent_email`,
  `t68`.`consent_sms`,
  `t68`.`consent_ads`,
  `t68`.`contacts`,
  `t68`.`orders`,
  `t68`.`events`,
  `t68`.`feedback`,
  `t68`.`tickets`,
  `t68`.`mentions`,
  `t68`.`revenue`,
  CAST(`t68`.`first_seen` AS TIMESTAMP) AS `first_seen`,
  CAST(`t68`.`last_seen` AS TIMESTAMP) AS `last_seen`,
  `t68`.`channels`
FROM (
  SELECT
    `t67`.`person_id`,
    `t67`.`identifiers`,
    `t67`.`devices`,
    `t67`.`first_name`,
    `t67`.`last_name`,
    `t67`.`email`,
    `t67`.`phone`,
    `t67`.`birth_date`,
    `t67`.`gender`,
    `t67`.`address`,
    `t67`.`postcode`,
    `t67`.`city`,
    `t67`.`loyalty_id`,
    `t67`.`consent_email`,
    `t67`.`consent_sms`,
    `t67`.`consent_ads`,
    `t67`.`contacts`,
    `t67`.`orders`,
    `t67`.`events`,
    `t67`.`feedback`,
    `t67`.`tickets`,
    `t67`.`mentions`,
    `t67`.`revenue`,
    `t67`.`first_seen`,
    `t67`.`last_seen`,
    `t67`.`channels`
  FROM (
    SELECT
      `t66`.`person_id`,
      `t66`.`identifiers`,
      `t66`.`devices`,
      `t66`.`first_name`,
      `t66`.`last_name`,
      `t66`.`email`,
      `t66`.`phone`,
      `t66`.`birth_date`,
      `t66`.`gender`,
      `t66`.`address`,
      `t66`.`postcode`,
      `t66`.`city`,
      `t66`.`loyalty_id`,
      `t66`.`consent_email`,
      `t66`.`consent_sms`,
      `t66`.`consent_ads`,
      `t66`.`contacts`,
      `t66`.`orders`,
      `t66`.`events`,
      `t66`.`feedback`,
      `t66`.`tickets`,
      `t66`.`mentions`,
      `t66`.`revenue`,
      `t66`.`first_seen`,
      `t66`.`last_seen`,
      `t61`.`person_id` AS `person_id_right`,
      `t61`.`channels`
    FROM (
      SELECT
        `t64`.`person_id`,
        `t64`.`identifiers`,
        `t64`.`devices`,
        `t64`.`first_name`,
        `t64`.`last_name`,
        `t64`.`email`,
        `t64`.`phone`,
        `t64`.`birth_date`,
        `t64`.`gender`,
        `t64`.`address`,
        `t64`.`postcode`,
        `t64`.`city`,
        `t64`.`loyalty_id`,
        `t64`.`consent_email`,
        `t64`.`consent_sms`,
        `t64`.`consent_ads`,
        `t64`.`contacts`,
        `t64`.`orders`,
        `t64`.`events`,
        `t64`.`feedback`,
        `t64`.`tickets`,
        `t64`.`mentions`,
        `t64`.`revenue`,
        `t64`.`first_seen`,
        `t64`.`last_seen`
      FROM (
        SELECT
          `t49`.`person_id`,
          `t49`.`identifiers`,
          `t49`.`devices`,
          `t49`.`first_name`,
          `t49`.`last_name`,
          `t49`.`email`,
          `t49`.`phone`,
          `t49`.`birth_date`,
          `t49`.`gender`,
          `t49`.`address`,
          `t49`.`postcode`,
          `t49`.`city`,
          `t49`.`loyalty_id`,
          `t49`.`consent_email`,
          `t49`.`consent_sms`,
          `t49`.`consent_ads`,
          `t63`.`person_id` AS `person_id_right`,
          `t63`.`contacts`,
          `t63`.`orders`,
          `t63`.`events`,
          `t63`.`feedback`,
          `t63`.`tickets`,
          `t63`.`mentions`,
          `t63`.`revenue`,
          `t63`.`first_seen`,
          `t63`.`last_seen`
        FROM (
          SELECT
            `t47`.`person_id`,
            `t47`.`identifiers`,
            `t47`.`devices`,
            `t47`.`first_name`,
            `t47`.`last_name`,
            `t47`.`email`,
            `t47`.`phone`,
            `t47`.`birth_date`,
            `t47`.`gender`,
            `t47`.`address`,
            `t47`.`postcode`,
            `t47`.`city`,
            `t47`.`loyalty_id`,
            `t47`.`consent_email`,
            `t47`.`consent_sms`,
            `t47`.`consent_ads`
          FROM (
            SELECT
              `t20`.`person_id`,
              `t20`.`identifiers`,
              `t20`.`devices`,
              `t34`.`person_id` AS `person_id_right`,
              `t34`.`first_name`,
              `t34`.`last_name`,
              `t34`.`email`,
              `t34`.`phone`,
              `t34`.`birth_date`,
              `t34`.`gender`,
              `t34`.`address`,
              `t34`.`postcode`,
              `t34`.`city`,
              `t34`.`loyalty_id`,
              `t34`.`consent_email`,
              `t34`.`consent_sms`,
              `t34`.`consent_ads`
            FROM (
              SELECT
                `t0`.`person_id`,
                ARRAY_SORT(COLLECT_LIST(`t0`.`node`)) AS `identifiers`,
                SUM(CAST(STARTSWITH(`t0`.`node`, 'anonymous_id:') AS INT)) AS `devices`
              FROM `identity_map` AS `t0`
              GROUP BY
                1
            ) AS `t20`
            LEFT OUTER JOIN (
              SELECT
                `t23`.`person_id`,
                `t23`.`first_name`,
                `t23`.`last_name`,
                `t23`.`email`,
                `t23`.`phone`,
                CAST(`t23`.`birth_date` AS DATE) AS `birth_date`,
                `t23`.`gender`,
                `t23`.`address`,
                `t23`.`postcode`,
                `t23`.`city`,
                `t23`.`loyalty_id`,
                `t23`.`consent_email` = 'true' AS `consent_email`,
                `t23`.`consent_sms` = 'true' AS `consent_sms`,
                `t23`.`consent_ads` = 'true' AS `consent_ads`
              FROM (
                SELECT
                  `t13`.`person_id`,
                  MAX(IF(`t13`.`field` = 'first_name', `t13`.`value`, NULL)) AS `first_name`,
                  MAX(IF(`t13`.`field` = 'last_name', `t13`.`value`, NULL)) AS `last_name`,
                  MAX(IF(`t13`.`field` = 'email', `t13`.`value`, NULL)) AS `email`,
                  MAX(IF(`t13`.`field` = 'phone', `t13`.`value`, NULL)) AS `phone`,
                  MAX(IF(`t13`.`field` = 'birth_date', `t13`.`value`, NULL)) AS `birth_date`,
                  MAX(IF(`t13`.`field` = 'gender', `t13`.`value`, NULL)) AS `gender`,
                  MAX(IF(`t13`.`field` = 'address', `t13`.`value`, NULL)) AS `address`,
                  MAX(IF(`t13`.`field` = 'postcode', `t13`.`value`, NULL)) AS `postcode`,
                  MAX(IF(`t13`.`field` = 'city', `t13`.`value`, NULL)) AS `city`,
                  MAX(IF(`t13`.`field` = 'loyalty_id', `t13`.`value`, NULL)) AS `loyalty_id`,
                  MAX(IF(`t13`.`field` = 'consent_email', `t13`.`value`, NULL)) AS `consent_email`,
                  MAX(IF(`t13`.`field` = 'consent_sms', `t13`.`value`, NULL)) AS `consent_sms`,
                  MAX(IF(`t13`.`field` = 'consent_ads', `t13`.`value`, NULL)) AS `consent_ads`
                FROM (
                  SELECT
                    *
                  FROM `cxlens`.`main`.`profile_values` AS `t5`
                  WHERE
                    `t5`.`rank` = 1
                ) AS `t13`
                GROUP BY
                  1
              ) AS `t23`
            ) AS `t34`
              ON `t20`.`person_id` = `t34`.`person_id`
          ) AS `t47`
        ) AS `t49`
        LEFT OUTER JOIN (
          SELECT
            `t59`.`person_id`,
            COALESCE(SUM(IF(`t59`.`table` = 'contacts', `t59`.`n`, NULL)), 0) AS `contacts`,
            COALESCE(SUM(IF(`t59`.`table` = 'orders', `t59`.`n`, NULL)), 0) AS `orders`,
            COALESCE(SUM(IF(`t59`.`table` = 'events', `t59`.`n`, NULL)), 0) AS `events`,
            COALESCE(SUM(IF(`t59`.`table` = 'feedback', `t59`.`n`, NULL)), 0) AS `feedback`,
            COALESCE(SUM(IF(`t59`.`table` = 'tickets', `t59`.`n`, NULL)), 0) AS `tickets`,
            COALESCE(SUM(IF(`t59`.`table` = 'mentions', `t59`.`n`, NULL)), 0) AS `mentions`,
            CAST(ROUND(SUM(`t59`.`revenue`), 2) AS DOUBLE) AS `revenue`,
            MIN(`t59`.`first`) AS `first_seen`,
            MAX(`t59`.`last`) AS `last_seen`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t33`.`person_id`,
                  'contacts' AS `table`,
                  SUM(`t33`.`n`) AS `n`,
                  SUM(`t33`.`amount`) AS `revenue`,
                  MIN(`t33`.`first`) AS `first`,
                  MAX(`t33`.`last`) AS `last`
                FROM (
                  SELECT
                    `t22`.`record`,
                    `t22`.`channel`,
                    `t22`.`n`,
                    `t22`.`amount`,
                    `t22`.`first`,
                    `t22`.`last`,
                    `t9`.`person_id`
                  FROM (
                    SELECT
                      CONCAT(CONCAT(CONCAT('contacts:', `t7`.`source`), ':'), `t7`.`contact_id`) AS `record`,
                      CAST(NULL AS STRING) AS `channel`,
                      1 AS `n`,
                      0.0 AS `amount`,
                      `t7`.`created_at` AS `first`,
                      `t7`.`created_at` AS `last`
                    FROM `contacts` AS `t7`
                  ) AS `t22`
                  INNER JOIN `identity_records` AS `t9`
                    ON `t22`.`record` = `t9`.`record`
                ) AS `t33`
                GROUP BY
                  1
              ) AS `t45`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t53`.`person_id`,
                  'events' AS `table`,
                  SUM(`t53`.`n`) AS `n`,
                  SUM(`t53`.`amount`) AS `revenue`,
                  MIN(`t53`.`first`) AS `first`,
                  MAX(`t53`.`last`) AS `last`
                FROM `t52` AS `t53`
                GROUP BY
                  1
              ) AS `t55`
            ) AS `t57`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t29`.`person_id`,
                    'orders' AS `table`,
                    SUM(`t29`.`n`) AS `n`,
                    SUM(`t29`.`amount`) AS `revenue`,
                    MIN(`t29`.`first`) AS `first`,
                    MAX(`t29`.`last`) AS `last`
                  FROM `t25` AS `t29`
                  GROUP BY
                    1
                ) AS `t37`
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    `t30`.`person_id`,
                    'feedback' AS `table`,
                    SUM(`t30`.`n`) AS `n`,
                    SUM(`t30`.`amount`) AS `revenue`,
                    MIN(`t30`.`first`) AS `first`,
                    MAX(`t30`.`last`) AS `last`
                  FROM `t26` AS `t30`
                  GROUP BY
                    1
                ) AS `t39`
              ) AS `t43`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t31`.`person_id`,
                    'tickets' AS `table`,
                    SUM(`t31`.`n`) AS `n`,
                    SUM(`t31`.`amount`) AS `revenue`,
                    MIN(`t31`.`first`) AS `first`,
                    MAX(`t31`.`last`) AS `last`
                  FROM `t27` AS `t31`
                  GROUP BY
                    1
                ) AS `t41`
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    `t28`.`person_id`,
                    'mentions' AS `table`,
                    SUM(`t28`.`n`) AS `n`,
                    SUM(`t28`.`amount`) AS `revenue`,
                    MIN(`t28`.`first`) AS `first`,
                    MAX(`t28`.`last`) AS `last`
                  FROM (
                    SELECT
                      `t19`.`record`,
                      `t19`.`channel`,
                      `t19`.`n`,
                      `t19`.`amount`,
                      `t19`.`first`,
                      `t19`.`last`,
                      `t9`.`person_id`
                    FROM (
                      SELECT
                        CONCAT('mentions:', `t8`.`mention_id`) AS `record`,
                        CAST(NULL AS STRING) AS `channel`,
                        1 AS `n`,
                        0.0 AS `amount`,
                        `t8`.`posted_at` AS `first`,
                        `t8`.`posted_at` AS `last`
                      FROM `mentions` AS `t8`
                    ) AS `t19`
                    INNER JOIN `identity_records` AS `t9`
                      ON `t19`.`record` = `t9`.`record`
                  ) AS `t28`
                  GROUP BY
                    1
                ) AS `t35`
              ) AS `t44`
            ) AS `t46`
          ) AS `t59`
          GROUP BY
            1
        ) AS `t63`
          ON `t49`.`person_id` = `t63`.`person_id`
      ) AS `t64`
    ) AS `t66`
    LEFT OUTER JOIN (
      SELECT
        `t58`.`person_id`,
        ARRAY_SORT(COLLECT_LIST(DISTINCT `t58`.`channel`)) AS `channels`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT DISTINCT
              `t29`.`person_id`,
              `t29`.`channel`
            FROM `t25` AS `t29`
            WHERE
              `t29`.`channel` IS NOT NULL
          ) AS `t36`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT DISTINCT
              `t30`.`person_id`,
              `t30`.`channel`
            FROM `t26` AS `t30`
            WHERE
              `t30`.`channel` IS NOT NULL
          ) AS `t38`
        ) AS `t42`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT DISTINCT
              `t31`.`person_id`,
              `t31`.`channel`
            FROM `t27` AS `t31`
            WHERE
              `t31`.`channel` IS NOT NULL
          ) AS `t40`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT DISTINCT
              `t53`.`person_id`,
              `t53`.`channel`
            FROM `t52` AS `t53`
            WHERE
              `t53`.`channel` IS NOT NULL
          ) AS `t54`
        ) AS `t56`
      ) AS `t58`
      GROUP BY
        1
    ) AS `t61`
      ON `t66`.`person_id` = `t61`.`person_id`
  ) AS `t67`
) AS `t68`
