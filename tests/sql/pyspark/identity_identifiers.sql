WITH `t42` AS (
  SELECT DISTINCT
    `t5`.`user_id`,
    `t5`.`anonymous_id`,
    IF(`t5`.`type` = 'alias', `t5`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
    NULLIF(
      REGEXP_REPLACE(
        LOWER(NULLIF(REGEXP_EXTRACT(`t5`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
        '^\\s+|\\s+$',
        ''
      ),
      ''
    ) AS `email`
  FROM `events` AS `t5`
)
SELECT DISTINCT
  *
FROM (
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
          *
        FROM (
          SELECT
            CONCAT('tickets:', `t0`.`ticket_id`) AS `record`,
            'email' AS `kind`,
            `t0`.`email` AS `value`
          FROM `tickets` AS `t0`
        ) AS `t6`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            CONCAT('tickets:', `t0`.`ticket_id`) AS `record`,
            'loyalty_id' AS `kind`,
            `t0`.`loyalty_id` AS `value`
          FROM `tickets` AS `t0`
        ) AS `t7`
      ) AS `t22`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            CONCAT('mentions:', `t1`.`mention_id`) AS `record`,
            'contact_id' AS `kind`,
            `t1`.`contact_id` AS `value`
          FROM `mentions` AS `t1`
        ) AS `t10`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            CONCAT('mentions:', `t1`.`mention_id`) AS `record`,
            'user_id' AS `kind`,
            `t1`.`user_id` AS `value`
          FROM `mentions` AS `t1`
        ) AS `t11`
      ) AS `t24`
    ) AS `t30`
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
            CONCAT('mentions:', `t1`.`mention_id`) AS `record`,
            'email' AS `kind`,
            `t1`.`email` AS `value`
          FROM `mentions` AS `t1`
        ) AS `t12`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            CONCAT('mentions:', `t1`.`mention_id`) AS `record`,
            'loyalty_id' AS `kind`,
            `t1`.`loyalty_id` AS `value`
          FROM `mentions` AS `t1`
        ) AS `t13`
      ) AS `t25`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            CONCAT('mentions:', `t1`.`mention_id`) AS `record`,
            'handle' AS `kind`,
            CONCAT(CONCAT(LOWER(`t1`.`platform`), ':'), LOWER(`t1`.`handle`)) AS `value`
          FROM `mentions` AS `t1`
        ) AS `t31`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`,
              'contact_id' AS `kind`,
              `t2`.`contact_id` AS `value`
            FROM `contacts` AS `t2`
          ) AS `t32`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`,
              'email' AS `kind`,
              `t2`.`email` AS `value`
            FROM `contacts` AS `t2`
          ) AS `t33`
        ) AS `t38`
      ) AS `t41`
    ) AS `t43`
  ) AS `t45`
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
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`,
              'phone' AS `kind`,
              `t2`.`phone` AS `value`
            FROM `contacts` AS `t2`
          ) AS `t34`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`,
              'loyalty_id' AS `kind`,
              `t2`.`loyalty_id` AS `value`
            FROM `contacts` AS `t2`
          ) AS `t35`
        ) AS `t39`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              CONCAT(
                'events:',
                CONCAT(
                  CONCAT(
                    CONCAT(
                      CONCAT(
                        CONCAT(CONCAT(COALESCE(`t44`.`user_id`, ''), '|'), COALESCE(`t44`.`anonymous_id`, '')),
                        '|'
                      ),
                      COALESCE(`t44`.`previous_id`, '')
                    ),
                    '|'
                  ),
                  COALESCE(`t44`.`email`, '')
                )
              ) AS `record`,
              'user_id' AS `kind`,
              `t44`.`user_id` AS `value`
            FROM `t42` AS `t44`
          ) AS `t46`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT(
                'events:',
                CONCAT(
                  CONCAT(
                    CONCAT(
                      CONCAT(
                        CONCAT(CONCAT(COALESCE(`t44`.`user_id`, ''), '|'), COALESCE(`t44`.`anonymous_id`, '')),
                        '|'
                      ),
                      COALESCE(`t44`.`previous_id`, '')
                    ),
                    '|'
                  ),
                  COALESCE(`t44`.`email`, '')
                )
              ) AS `record`,
              'anonymous_id' AS `kind`,
              `t44`.`anonymous_id` AS `value`
            FROM `t42` AS `t44`
          ) AS `t47`
        ) AS `t50`
      ) AS `t52`
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
              CONCAT(
                'events:',
                CONCAT(
                  CONCAT(
                    CONCAT(
                      CONCAT(
                        CONCAT(CONCAT(COALESCE(`t44`.`user_id`, ''), '|'), COALESCE(`t44`.`anonymous_id`, '')),
                        '|'
                      ),
                      COALESCE(`t44`.`previous_id`, '')
                    ),
                    '|'
                  ),
                  COALESCE(`t44`.`email`, '')
                )
              ) AS `record`,
              'anonymous_id' AS `kind`,
              `t44`.`previous_id` AS `value`
            FROM `t42` AS `t44`
          ) AS `t48`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT(
                'events:',
                CONCAT(
                  CONCAT(
                    CONCAT(
                      CONCAT(
                        CONCAT(CONCAT(COALESCE(`t44`.`user_id`, ''), '|'), COALESCE(`t44`.`anonymous_id`, '')),
                        '|'
                      ),
                      COALESCE(`t44`.`previous_id`, '')
                    ),
                    '|'
                  ),
                  COALESCE(`t44`.`email`, '')
                )
              ) AS `record`,
              'email' AS `kind`,
              `t44`.`email` AS `value`
            FROM `t42` AS `t44`
          ) AS `t49`
        ) AS `t51`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              CONCAT('orders:', `t3`.`order_id`) AS `record`,
              'contact_id' AS `kind`,
              `t3`.`contact_id` AS `value`
            FROM `orders` AS `t3`
          ) AS `t14`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT('orders:', `t3`.`order_id`) AS `record`,
              'user_id' AS `kind`,
              `t3`.`user_id` AS `value`
            FROM `orders` AS `t3`
          ) AS `t15`
        ) AS `t26`
      ) AS `t53`
    ) AS `t54`
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
            *
          FROM (
            SELECT
              CONCAT('orders:', `t3`.`order_id`) AS `record`,
              'email' AS `kind`,
              `t3`.`email` AS `value`
            FROM `orders` AS `t3`
          ) AS `t16`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT('orders:', `t3`.`order_id`) AS `record`,
              'loyalty_id' AS `kind`,
              `t3`.`loyalty_id` AS `value`
            FROM `orders` AS `t3`
          ) AS `t17`
        ) AS `t27`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              CONCAT('feedback:', `t4`.`response_id`) AS `record`,
              'contact_id' AS `kind`,
              `t4`.`contact_id` AS `value`
            FROM `feedback` AS `t4`
          ) AS `t18`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT('feedback:', `t4`.`response_id`) AS `record`,
              'user_id' AS `kind`,
              `t4`.`user_id` AS `value`
            FROM `feedback` AS `t4`
          ) AS `t19`
        ) AS `t28`
      ) AS `t36`
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
              CONCAT('feedback:', `t4`.`response_id`) AS `record`,
              'email' AS `kind`,
              `t4`.`email` AS `value`
            FROM `feedback` AS `t4`
          ) AS `t20`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT('feedback:', `t4`.`response_id`) AS `record`,
              'loyalty_id' AS `kind`,
              `t4`.`loyalty_id` AS `value`
            FROM `feedback` AS `t4`
          ) AS `t21`
        ) AS `t29`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              CONCAT('tickets:', `t0`.`ticket_id`) AS `record`,
              'contact_id' AS `kind`,
              `t0`.`contact_id` AS `value`
            FROM `tickets` AS `t0`
          ) AS `t8`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              CONCAT('tickets:', `t0`.`ticket_id`) AS `record`,
              'user_id' AS `kind`,
              `t0`.`user_id` AS `value`
            FROM `tickets` AS `t0`
          ) AS `t9`
        ) AS `t23`
      ) AS `t37`
    ) AS `t40`
  ) AS `t55`
) AS `t56`
WHERE
  `t56`.`value` IS NOT NULL AND `t56`.`value` <> ''
