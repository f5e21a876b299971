WITH `t17` AS (
  SELECT
    `t5`.`person_id`,
    `t16`.`timestamp` AS `at`,
    'events' AS `source`,
    `t16`.`message_id` AS `ref`,
    CASE
      WHEN `t16`.`type` = 'page'
      THEN 'Page Viewed'
      WHEN `t16`.`type` = 'screen'
      THEN 'Screen Viewed'
      ELSE `t16`.`event`
    END AS `touchpoint`,
    CASE
      WHEN LOWER(NULLIF(REGEXP_EXTRACT(`t16`.`context`, '"medium"\\s*:\\s*"([^"]*)"'), '')) IN (
        'cpc',
        'ppc',
        'paid',
        'paidsearch',
        'paid_search',
        'display',
        'paid_social',
        'banner'
      )
      THEN 'ads'
      WHEN LOWER(NULLIF(REGEXP_EXTRACT(`t16`.`context`, '"medium"\\s*:\\s*"([^"]*)"'), '')) = 'social'
      THEN 'social'
      WHEN (
        LOWER(NULLIF(REGEXP_EXTRACT(`t16`.`context`, '"medium"\\s*:\\s*"([^"]*)"'), '')) = 'email'
      )
      OR (
        `t16`.`event` = 'Email Link Clicked'
      )
      THEN 'email'
      WHEN (
        LOWER(NULLIF(REGEXP_EXTRACT(`t16`.`context`, '"medium"\\s*:\\s*"([^"]*)"'), '')) = 'push'
      )
      OR (
        `t16`.`event` = 'Push Notification Opened'
      )
      THEN 'push'
      WHEN `t16`.`type` IN ('page', 'screen')
      AND (
        IF(
          `t16`.`type` IN ('page', 'screen'),
          NULLIF(REGEXP_EXTRACT(`t16`.`properties`, '"referrer"\\s*:\\s*"([^"]*)"'), ''),
          CAST(NULL AS STRING)
        ) IS NULL
      )
      AND (
        LOWER(NULLIF(REGEXP_EXTRACT(`t16`.`context`, '"medium"\\s*:\\s*"([^"]*)"'), '')) IS NULL
      )
      THEN 'direct'
      WHEN (
        LOWER(NULLIF(REGEXP_EXTRACT(`t16`.`context`, '"medium"\\s*:\\s*"([^"]*)"'), '')) IS NOT NULL
      )
      OR (
        IF(
          `t16`.`type` IN ('page', 'screen'),
          NULLIF(REGEXP_EXTRACT(`t16`.`properties`, '"referrer"\\s*:\\s*"([^"]*)"'), ''),
          CAST(NULL AS STRING)
        ) IS NOT NULL
      )
      THEN 'referral'
      ELSE IF(`t16`.`channel` = 'mobile', 'app', 'web')
    END AS `channel`,
    `t16`.`anonymous_id` AS `device`,
    CAST(IF(
      `t16`.`event` IN ('Order Completed', 'Order Placed'),
      NULLIF(REGEXP_EXTRACT(`t16`.`properties`, '"(?:revenue|total)"\\s*:\\s*([0-9.]+)'), ''),
      CAST(NULL AS STRING)
    ) AS DOUBLE) AS `value`,
    CAST(NULL AS DOUBLE) AS `sentiment`,
    IF(
      `t16`.`event` IN ('Order Completed', 'Order Placed'),
      NULLIF(REGEXP_EXTRACT(`t16`.`properties`, '"order_id"\\s*:\\s*"([^"]*)"'), ''),
      CAST(NULL AS STRING)
    ) AS `order_id`
  FROM (
    SELECT
      `t11`.`message_id`,
      `t11`.`type`,
      `t11`.`event`,
      `t11`.`timestamp`,
      `t11`.`channel`,
      `t11`.`properties`,
      `t11`.`context`,
      `t11`.`user_id`,
      `t11`.`anonymous_id`,
      `t11`.`previous_id`,
      `t11`.`email`,
      CONCAT(
        'events:',
        CONCAT(
          CONCAT(
            CONCAT(
              CONCAT(
                CONCAT(CONCAT(COALESCE(`t11`.`user_id`, ''), '|'), COALESCE(`t11`.`anonymous_id`, '')),
                '|'
              ),
              COALESCE(`t11`.`previous_id`, '')
            ),
            '|'
          ),
          COALESCE(`t11`.`email`, '')
        )
      ) AS `record`
    FROM (
      SELECT
        `t4`.`message_id`,
        `t4`.`type`,
        `t4`.`event`,
        `t4`.`timestamp`,
        `t4`.`channel`,
        `t4`.`properties`,
        `t4`.`context`,
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
      WHERE
        `t4`.`type` IN ('track', 'page', 'screen')
    ) AS `t11`
  ) AS `t16`
  INNER JOIN `identity_records` AS `t5`
    ON `t16`.`record` = `t5`.`record`
)
SELECT
  `t31`.`person_id`,
  CAST(`t31`.`at` AS TIMESTAMP) AS `at`,
  `t31`.`source`,
  `t31`.`ref`,
  `t31`.`touchpoint`,
  `t31`.`channel`,
  `t31`.`device`,
  `t31`.`stage`,
  `t31`.`is_conversion`,
  `t31`.`value`,
  `t31`.`sentiment`,
  `t31`.`switch`,
  `t31`.`journey_id`,
  `t31`.`session_id`,
  `t31`.`step`
FROM (
  SELECT
    `t30`.`person_id`,
    `t30`.`at`,
    `t30`.`source`,
    `t30`.`ref`,
    `t30`.`touchpoint`,
    `t30`.`channel`,
    `t30`.`device`,
    `t30`.`stage`,
    `t30`.`is_conversion`,
    `t30`.`value`,
    `t30`.`sentiment`,
    `t30`.`switch`,
    `t30`.`journey_id`,
    `t30`.`session_id`,
    `t30`.`step`
  FROM (
    SELECT
      `t29`.`person_id`,
      `t29`.`at`,
      `t29`.`source`,
      `t29`.`ref`,
      `t29`.`touchpoint`,
      `t29`.`channel`,
      `t29`.`device`,
      `t29`.`stage`,
      `t29`.`is_conversion`,
      `t29`.`value`,
      `t29`.`sentiment`,
      `t29`.`_nj`,
      `t29`.`_ns`,
      `t29`.`_rn`,
      `t29`.`_js`,
      `t29`.`switch`,
      CONCAT(
        CONCAT(`t29`.`person_id`, ':'),
        CAST(SUM(`t29`.`_nj`) OVER (
          PARTITION BY `t29`.`person_id`
          ORDER BY `t29`.`at` ASC NULLS LAST, `t29`.`source` ASC NULLS LAST, `t29`.`touchpoint` ASC NULLS LAST
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS STRING)
      ) AS `journey_id`,
      CONCAT(
        CONCAT(`t29`.`person_id`, ':'),
        CAST(SUM(`t29`.`_ns`) OVER (
          PARTITION BY `t29`.`person_id`
          ORDER BY `t29`.`at` ASC NULLS LAST, `t29`.`source` ASC NULLS LAST, `t29`.`touchpoint` ASC NULLS LAST
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS STRING)
      ) AS `session_id`,
      (
        `t29`.`_rn` - MAX(`t29`.`_js`) OVER (
          PARTITION BY `t29`.`person_id`
          ORDER BY `t29`.`at` ASC NULLS LAST, `t29`.`source` ASC NULLS LAST, `t29`.`touchpoint` ASC NULLS LAST
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        )
      ) + 1 AS `step`
    FROM (
      SELECT
        `t28`.`person_id`,
        `t28`.`at`,
        `t28`.`source`,
        `t28`.`ref`,
        `t28`.`touchpoint`,
        `t28`.`channel`,
        `t28`.`device`,
        `t28`.`stage`,
        `t28`.`is_conversion`,
        `t28`.`value`,
        `t28`.`sentiment`,
        CAST((
          (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
              UNIX_TIMESTAMP(
                CAST(LAG(`t28`.`at`) OVER (
                  PARTITION BY `t28`.`person_id`
                  ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                ) AS TIMESTAMP)
              )
            ) AS BIGINT)
          ) IS NULL
        )
        OR COALESCE(
          LAG(`t28`.`is_conversion`) OVER (
            PARTITION BY `t28`.`person_id`
            ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
          ),
          FALSE
        )
        OR (
          (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
              UNIX_TIMESTAMP(
                CAST(LAG(`t28`.`at`) OVER (
                  PARTITION BY `t28`.`person_id`
                  ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                ) AS TIMESTAMP)
              )
            ) AS BIGINT)
          ) > 604800
        ) AS BIGINT) AS `_nj`,
        CAST((
          (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
              UNIX_TIMESTAMP(
                CAST(LAG(`t28`.`at`) OVER (
                  PARTITION BY `t28`.`person_id`
                  ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                ) AS TIMESTAMP)
              )
            ) AS BIGINT)
          ) IS NULL
        )
        OR COALESCE(
          LAG(`t28`.`is_conversion`) OVER (
            PARTITION BY `t28`.`person_id`
            ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
          ),
          FALSE
        )
        OR (
          (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
              UNIX_TIMESTAMP(
                CAST(LAG(`t28`.`at`) OVER (
                  PARTITION BY `t28`.`person_id`
                  ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                ) AS TIMESTAMP)
              )
            ) AS BIGINT)
          ) > 604800
        )
        OR (
          (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
              UNIX_TIMESTAMP(
                CAST(LAG(`t28`.`at`) OVER (
                  PARTITION BY `t28`.`person_id`
                  ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                ) AS TIMESTAMP)
              )
            ) AS BIGINT)
          ) > 1800
        ) AS BIGINT) AS `_ns`,
        ROW_NUMBER() OVER (
          PARTITION BY `t28`.`person_id`
          ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
        ) - 1 AS `_rn`,
        IF(
          (
            (
              CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
                UNIX_TIMESTAMP(
                  CAST(LAG(`t28`.`at`) OVER (
                    PARTITION BY `t28`.`person_id`
                    ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                  ) AS TIMESTAMP)
                )
              ) AS BIGINT)
            ) IS NULL
          )
          OR COALESCE(
            LAG(`t28`.`is_conversion`) OVER (
              PARTITION BY `t28`.`person_id`
              ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
            ),
            FALSE
          )
          OR (
            (
              CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
                UNIX_TIMESTAMP(
                  CAST(LAG(`t28`.`at`) OVER (
                    PARTITION BY `t28`.`person_id`
                    ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                  ) AS TIMESTAMP)
                )
              ) AS BIGINT)
            ) > 604800
          ),
          ROW_NUMBER() OVER (
            PARTITION BY `t28`.`person_id`
            ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
          ) - 1,
          0
        ) AS `_js`,
        COALESCE(
          NOT (
            (
              (
                CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
                  UNIX_TIMESTAMP(
                    CAST(LAG(`t28`.`at`) OVER (
                      PARTITION BY `t28`.`person_id`
                      ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                    ) AS TIMESTAMP)
                  )
                ) AS BIGINT)
              ) IS NULL
            )
            OR COALESCE(
              LAG(`t28`.`is_conversion`) OVER (
                PARTITION BY `t28`.`person_id`
                ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
              ),
              FALSE
            )
            OR (
              (
                CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(
                  UNIX_TIMESTAMP(
                    CAST(LAG(`t28`.`at`) OVER (
                      PARTITION BY `t28`.`person_id`
                      ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
                    ) AS TIMESTAMP)
                  )
                ) AS BIGINT)
              ) > 604800
            )
          )
          AND (
            `t28`.`channel` <> LAG(`t28`.`channel`) OVER (
              PARTITION BY `t28`.`person_id`
              ORDER BY `t28`.`at` ASC NULLS LAST, `t28`.`source` ASC NULLS LAST, `t28`.`touchpoint` ASC NULLS LAST
            )
          ),
          FALSE
        ) AS `switch`
      FROM (
        SELECT
          `t27`.`person_id`,
          `t27`.`at`,
          `t27`.`source`,
          `t27`.`ref`,
          `t27`.`touchpoint`,
          `t27`.`channel`,
          `t27`.`device`,
          IF(
            `t27`.`channel` IN ('ads', 'social', 'email', 'push', 'referral', 'direct'),
            'awareness',
            CASE
              WHEN `t27`.`touchpoint` = 'Page Viewed'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Screen Viewed'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Products Searched'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Product List Viewed'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Product List Filtered'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Promotion Viewed'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Promotion Clicked'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Product Clicked'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Product Viewed'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Product Added'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Product Removed'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Cart Viewed'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Product Added to Wishlist'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Product Shared'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Experiment Viewed'
              THEN 'discovery'
              WHEN `t27`.`touchpoint` = 'Checkout Started'
              THEN 'purchase'
              WHEN `t27`.`touchpoint` = 'Checkout Step Viewed'
              THEN 'purchase'
              WHEN `t27`.`touchpoint` = 'Checkout Step Completed'
              THEN 'purchase'
              WHEN `t27`.`touchpoint` = 'Payment Info Entered'
              THEN 'purchase'
              WHEN `t27`.`touchpoint` = 'Coupon Entered'
              THEN 'purchase'
              WHEN `t27`.`touchpoint` = 'Coupon Applied'
              THEN 'purchase'
              WHEN `t27`.`touchpoint` = 'Order Completed'
              THEN 'purchase'
              WHEN `t27`.`touchpoint` = 'Order Placed'
              THEN 'purchase'
              WHEN `t27`.`touchpoint` = 'Order Shipped'
              THEN 'delivery'
              WHEN `t27`.`touchpoint` = 'Order Delivered'
              THEN 'delivery'
              WHEN `t27`.`touchpoint` = 'Order Updated'
              THEN 'delivery'
              WHEN `t27`.`touchpoint` = 'Support Ticket'
              THEN 'delivery'
              WHEN `t27`.`touchpoint` = 'Order Refunded'
              THEN 'retention'
              WHEN `t27`.`touchpoint` = 'Order Cancelled'
              THEN 'retention'
              WHEN `t27`.`touchpoint` = 'Survey Answered'
              THEN 'retention'
              WHEN `t27`.`touchpoint` = 'Email Opened'
              THEN 'retention'
              WHEN `t27`.`touchpoint` = 'Product Reviewed'
              THEN 'advocacy'
              WHEN `t27`.`touchpoint` = 'Review Written'
              THEN 'advocacy'
              WHEN `t27`.`touchpoint` = 'Referral Sent'
              THEN 'advocacy'
              WHEN `t27`.`touchpoint` = 'Promoter Answer'
              THEN 'advocacy'
              WHEN `t27`.`touchpoint` = 'Email Link Clicked'
              THEN 'awareness'
              WHEN `t27`.`touchpoint` = 'Push Notification Opened'
              THEN 'awareness'
              WHEN `t27`.`touchpoint` = 'Ad Clicked'
              THEN 'awareness'
              WHEN `t27`.`touchpoint` = 'Campaign Visit'
              THEN 'awareness'
              ELSE 'discovery'
            END
          ) AS `stage`,
          `t27`.`touchpoint` IN ('Order Completed', 'Order Placed') AS `is_conversion`,
          `t27`.`value`,
          `t27`.`sentiment`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t18`.`person_id`,
                `t18`.`at`,
                `t18`.`source`,
                `t18`.`ref`,
                `t18`.`touchpoint`,
                `t18`.`channel`,
                `t18`.`device`,
                `t18`.`value`,
                `t18`.`sentiment`
              FROM `t17` AS `t18`
            ) AS `t19`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                `t5`.`person_id`,
                `t24`.`ordered_at` AS `at`,
                'orders' AS `source`,
                `t24`.`order_id` AS `ref`,
                'Order Placed' AS `touchpoint`,
                COALESCE(`t24`.`channel`, 'unknown') AS `channel`,
                CAST(NULL AS STRING) AS `device`,
                `t24`.`total` AS `value`,
                CAST(NULL AS DOUBLE) AS `sentiment`
              FROM (
                SELECT
                  `t22`.`order_id`,
                  `t22`.`contact_id`,
                  `t22`.`user_id`,
                  `t22`.`email`,
                  `t22`.`loyalty_id`,
                  `t22`.`ordered_at`,
                  `t22`.`channel`,
                  `t22`.`store_id`,
                  `t22`.`total`,
                  `t22`.`discount`,
                  `t22`.`coupon_code`,
                  `t22`.`minutes_in_store`,
                  `t22`.`source`,
                  CONCAT('orders:', `t22`.`order_id`) AS `record`
                FROM (
                  SELECT
                    `t6`.`order_id`,
                    `t6`.`contact_id`,
                    `t6`.`user_id`,
                    `t6`.`email`,
                    `t6`.`loyalty_id`,
                    `t6`.`ordered_at`,
                    `t6`.`channel`,
                    `t6`.`store_id`,
                    `t6`.`total`,
                    `t6`.`discount`,
                    `t6`.`coupon_code`,
                    `t6`.`minutes_in_store`,
                    `t6`.`source`
                  FROM `orders` AS `t6`
                  LEFT ANTI JOIN (
                    SELECT DISTINCT
                      `t18`.`order_id`
                    FROM `t17` AS `t18`
                    WHERE
                      `t18`.`order_id` IS NOT NULL
                  ) AS `t21`
                    ON `t6`.`order_id` = `t21`.`order_id`
                ) AS `t22`
              ) AS `t24`
              INNER JOIN `identity_records` AS `t5`
                ON `t24`.`record` = `t5`.`record`
            ) AS `t25`
          ) AS `t26`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t5`.`person_id`,
                `t9`.`submitted_at` AS `at`,
                'feedback' AS `source`,
                `t9`.`response_id` AS `ref`,
                IF(
                  (
                    (
                      `t9`.`kind` = 'nps'
                    ) AND (
                      `t9`.`score` >= 9
                    )
                  )
                  OR (
                    (
                      `t9`.`kind` = 'csat'
                    ) AND (
                      `t9`.`score` >= 4
                    )
                  ),
                  'Promoter Answer',
                  'Survey Answered'
                ) AS `touchpoint`,
                COALESCE(`t9`.`channel`, 'survey') AS `channel`,
                CAST(NULL AS STRING) AS `device`,
                CAST(NULL AS DOUBLE) AS `value`,
                CASE
                  WHEN (
                    (
                      `t9`.`kind` = 'nps'
                    ) AND (
                      `t9`.`score` >= 9
                    )
                  )
                  OR (
                    (
                      `t9`.`kind` = 'csat'
                    ) AND (
                      `t9`.`score` >= 4
                    )
                  )
                  THEN 1.0
                  WHEN (
                    (
                      `t9`.`kind` = 'nps'
                    ) AND (
                      `t9`.`score` <= 6
                    )
                  )
                  OR (
                    (
                      `t9`.`kind` = 'csat'
                    ) AND (
                      `t9`.`score` <= 2
                    )
                  )
                  THEN -1.0
                  WHEN `t9`.`score` IS NOT NULL AND NOT ISNAN(`t9`.`score`)
                  THEN 0.0
                  ELSE CAST(NULL AS DOUBLE)
                END AS `sentiment`
              FROM (
                SELECT
                  `t1`.`response_id`,
                  `t1`.`contact_id`,
                  `t1`.`user_id`,
                  `t1`.`email`,
                  `t1`.`loyalty_id`,
                  `t1`.`submitted_at`,
                  `t1`.`kind`,
                  `t1`.`score`,
                  `t1`.`comment`,
                  `t1`.`touchpoint`,
                  `t1`.`channel`,
                  `t1`.`source`,
                  CONCAT('feedback:', `t1`.`response_id`) AS `record`
                FROM `feedback` AS `t1`
              ) AS `t9`
              INNER JOIN `identity_records` AS `t5`
                ON `t9`.`record` = `t5`.`record`
            ) AS `t13`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                `t5`.`person_id`,
                `t10`.`opened_at` AS `at`,
                'tickets' AS `source`,
                `t10`.`ticket_id` AS `ref`,
                'Support Ticket' AS `touchpoint`,
                COALESCE(`t10`.`channel`, 'support') AS `channel`,
                CAST(NULL AS STRING) AS `device`,
                CAST(NULL AS DOUBLE) AS `value`,
                CAST(NULL AS DOUBLE) AS `sentiment`
              FROM (
                SELECT
                  `t2`.`ticket_id`,
                  `t2`.`contact_id`,
                  `t2`.`user_id`,
                  `t2`.`email`,
                  `t2`.`loyalty_id`,
                  `t2`.`opened_at`,
                  `t2`.`channel`,
                  `t2`.`subject`,
                  `t2`.`body`,
                  `t2`.`resolved_at`,
                  `t2`.`source`,
                  CONCAT('tickets:', `t2`.`ticket_id`) AS `record`
                FROM `tickets` AS `t2`
              ) AS `t10`
              INNER JOIN `identity_records` AS `t5`
                ON `t10`.`record` = `t5`.`record`
            ) AS `t12`
          ) AS `t14`
        ) AS `t27`
      ) AS `t28`
    ) AS `t29`
  ) AS `t30`
) AS `t31`
