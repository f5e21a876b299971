WITH `t35` AS (
  SELECT
    `t32`.`channel`,
    `t32`.`context`,
    `t32`.`user_id`,
    `t32`.`anonymous_id`,
    `t32`.`previous_id`,
    `t32`.`email`,
    `t32`.`record`,
    `t32`.`person_id`,
    IF(
      LOWER(NULLIF(REGEXP_EXTRACT(`t32`.`context`, '"medium"\\s*:\\s*"([^"]*)"'), '')) IN ('social'),
      LOWER(NULLIF(REGEXP_EXTRACT(`t32`.`context`, '"source"\\s*:\\s*"([^"]*)"'), '')),
      CAST(NULL AS STRING)
    ) AS `social`
  FROM (
    SELECT
      `t28`.`channel`,
      `t28`.`context`,
      `t28`.`user_id`,
      `t28`.`anonymous_id`,
      `t28`.`previous_id`,
      `t28`.`email`,
      `t28`.`record`,
      `t7`.`person_id`
    FROM (
      SELECT
        `t15`.`channel`,
        `t15`.`context`,
        `t15`.`user_id`,
        `t15`.`anonymous_id`,
        `t15`.`previous_id`,
        `t15`.`email`,
        CONCAT(
          'events:',
          CONCAT(
            CONCAT(
              CONCAT(
                CONCAT(
                  CONCAT(CONCAT(COALESCE(`t15`.`user_id`, ''), '|'), COALESCE(`t15`.`anonymous_id`, '')),
                  '|'
                ),
                COALESCE(`t15`.`previous_id`, '')
              ),
              '|'
            ),
            COALESCE(`t15`.`email`, '')
          )
        ) AS `record`
      FROM (
        SELECT
          `t6`.`channel`,
          `t6`.`context`,
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
      ) AS `t15`
    ) AS `t28`
    INNER JOIN `identity_records` AS `t7`
      ON `t28`.`record` = `t7`.`record`
  ) AS `t32`
)
SELECT
  *
FROM (
  SELECT
    `t54`.`person_id`,
    `t54`.`age`,
    `t54`.`female`,
    `t54`.`orders`,
    `t54`.`basket`,
    `t54`.`coupon_rate`,
    `t54`.`minutes_in_store`,
    `t54`.`weekend`,
    `t54`.`hours_early`,
    `t54`.`hours_late_morning`,
    `t54`.`hours_afternoon`,
    `t54`.`hours_evening`,
    `t54`.`hours_night`,
    `t54`.`channel_store`,
    `t54`.`channel_web`,
    `t54`.`channel_app`,
    `t54`.`channel_call_centre`,
    `t54`.`items_per_order`,
    `t54`.`private_label`,
    `t54`.`eco`,
    `t54`.`clearance`,
    `t54`.`return_rate`,
    `t54`.`children`,
    `t54`.`category_home`,
    `t54`.`category_fashion`,
    `t54`.`category_beauty`,
    `t54`.`category_grocery`,
    `t54`.`category_garden`,
    `t54`.`category_eco_cleaning`,
    `t54`.`category_kids`,
    `t54`.`category_books`,
    `t54`.`category_health`,
    `t54`.`category_electronics`,
    `t54`.`category_tees`,
    `t54`.`category_video_games`,
    `t54`.`category_jeans`,
    `t54`.`category_camping`,
    `t54`.`category_sports`,
    `t54`.`category_sweats`,
    `t54`.`events`,
    `t54`.`mobile`,
    `t54`.`social_visits`,
    `t54`.`social_instagram`,
    `t54`.`social_tiktok`,
    `t54`.`social_facebook`,
    `t54`.`nps`,
    `t54`.`csat`,
    `t54`.`stage`,
    `t54`.`clv`,
    `t54`.`p_alive`,
    `t54`.`frequency`,
    `t54`.`monetary`,
    `t54`.`r_score`,
    `t54`.`f_score`,
    `t54`.`m_score`
  FROM (
    SELECT
      `t53`.`person_id`,
      `t53`.`age`,
      `t53`.`female`,
      `t53`.`orders`,
      `t53`.`basket`,
      `t53`.`coupon_rate`,
      `t53`.`minutes_in_store`,
      `t53`.`weekend`,
      `t53`.`hours_early`,
      `t53`.`hours_late_morning`,
      `t53`.`hours_afternoon`,
      `t53`.`hours_evening`,
      `t53`.`hours_night`,
      `t53`.`channel_store`,
      `t53`.`channel_web`,
      `t53`.`channel_app`,
      `t53`.`channel_call_centre`,
      `t53`.`items_per_order`,
      `t53`.`private_label`,
      `t53`.`eco`,
      `t53`.`clearance`,
      `t53`.`return_rate`,
      `t53`.`children`,
      `t53`.`category_home`,
      `t53`.`category_fashion`,
      `t53`.`category_beauty`,
      `t53`.`category_grocery`,
      `t53`.`category_garden`,
      `t53`.`category_eco_cleaning`,
      `t53`.`category_kids`,
      `t53`.`category_books`,
      `t53`.`category_health`,
      `t53`.`category_electronics`,
      `t53`.`category_tees`,
      `t53`.`category_video_games`,
      `t53`.`category_jeans`,
      `t53`.`category_camping`,
      `t53`.`category_sports`,
      `t53`.`category_sweats`,
      `t53`.`events`,
      `t53`.`mobile`,
      `t53`.`social_visits`,
      `t53`.`social_instagram`,
      `t53`.`social_tiktok`,
      `t53`.`social_facebook`,
      `t53`.`nps`,
      `t53`.`csat`,
      `t12`.`person_id` AS `person_id_right`,
      `t12`.`stage`,
      `t12`.`clv`,
      `t12`.`p_alive`,
      `t12`.`frequency`,
      `t12`.`monetary`,
      `t12`.`r_score`,
      `t12`.`f_score`,
      `t12`.`m_score`
    FROM (
      SELECT
        `t51`.`person_id`,
        `t51`.`age`,
        `t51`.`female`,
        `t51`.`orders`,
        `t51`.`basket`,
        `t51`.`coupon_rate`,
        `t51`.`minutes_in_store`,
        `t51`.`weekend`,
        `t51`.`hours_early`,
        `t51`.`hours_late_morning`,
        `t51`.`hours_afternoon`,
        `t51`.`hours_evening`,
        `t51`.`hours_night`,
        `t51`.`channel_store`,
        `t51`.`channel_web`,
        `t51`.`channel_app`,
        `t51`.`channel_call_centre`,
        `t51`.`items_per_order`,
        `t51`.`private_label`,
        `t51`.`eco`,
        `t51`.`clearance`,
        `t51`.`return_rate`,
        `t51`.`children`,
        `t51`.`category_home`,
        `t51`.`category_fashion`,
        `t51`.`category_beauty`,
        `t51`.`category_grocery`,
        `t51`.`category_garden`,
        `t51`.`category_eco_cleaning`,
        `t51`.`category_kids`,
        `t51`.`category_books`,
        `t51`.`category_health`,
        `t51`.`category_electronics`,
        `t51`.`category_tees`,
        `t51`.`category_video_games`,
        `t51`.`category_jeans`,
        `t51`.`category_camping`,
        `t51`.`category_sports`,
        `t51`.`category_sweats`,
        `t51`.`events`,
        `t51`.`mobile`,
        `t51`.`social_visits`,
        `t51`.`social_instagram`,
        `t51`.`social_tiktok`,
        `t51`.`social_facebook`,
        `t51`.`nps`,
        `t51`.`csat`
      FROM (
        SELECT
          `t50`.`person_id`,
          `t50`.`age`,
          `t50`.`female`,
          `t50`.`orders`,
          `t50`.`basket`,
          `t50`.`coupon_rate`,
          `t50`.`minutes_in_store`,
          `t50`.`weekend`,
          `t50`.`hours_early`,
          `t50`.`hours_late_morning`,
          `t50`.`hours_afternoon`,
          `t50`.`hours_evening`,
          `t50`.`hours_night`,
          `t50`.`channel_store`,
          `t50`.`channel_web`,
          `t50`.`channel_app`,
          `t50`.`channel_call_centre`,
          `t50`.`items_per_order`,
          `t50`.`private_label`,
          `t50`.`eco`,
          `t50`.`clearance`,
          `t50`.`return_rate`,
          `t50`.`children`,
          `t50`.`category_home`,
          `t50`.`category_fashion`,
          `t50`.`category_beauty`,
          `t50`.`category_grocery`,
          `t50`.`category_garden`,
          `t50`.`category_eco_cleaning`,
          `t50`.`category_kids`,
          `t50`.`category_books`,
          `t50`.`category_health`,
          `t50`.`category_electronics`,
          `t50`.`category_tees`,
          `t50`.`category_video_games`,
          `t50`.`category_jeans`,
          `t50`.`category_camping`,
          `t50`.`category_sports`,
          `t50`.`category_sweats`,
          `t50`.`events`,
          `t50`.`mobile`,
          `t50`.`social_visits`,
          `t50`.`social_instagram`,
          `t50`.`social_tiktok`,
          `t50`.`social_facebook`,
          `t23`.`person_id` AS `person_id_right`,
          `t23`.`nps`,
          `t23`.`csat`
        FROM (
          SELECT
            `t48`.`person_id`,
            `t48`.`age`,
            `t48`.`female`,
            `t48`.`orders`,
            `t48`.`basket`,
            `t48`.`coupon_rate`,
            `t48`.`minutes_in_store`,
            `t48`.`weekend`,
            `t48`.`hours_early`,
            `t48`.`hours_late_morning`,
            `t48`.`hours_afternoon`,
            `t48`.`hours_evening`,
            `t48`.`hours_night`,
            `t48`.`channel_store`,
            `t48`.`channel_web`,
            `t48`.`channel_app`,
            `t48`.`channel_call_centre`,
            `t48`.`items_per_order`,
            `t48`.`private_label`,
            `t48`.`eco`,
            `t48`.`clearance`,
            `t48`.`return_rate`,
            `t48`.`children`,
            `t48`.`category_home`,
            `t48`.`category_fashion`,
            `t48`.`category_beauty`,
            `t48`.`category_grocery`,
            `t48`.`category_garden`,
            `t48`.`category_eco_cleaning`,
            `t48`.`category_kids`,
            `t48`.`category_books`,
            `t48`.`category_health`,
            `t48`.`category_electronics`,
            `t48`.`category_tees`,
            `t48`.`category_video_games`,
            `t48`.`category_jeans`,
            `t48`.`category_camping`,
            `t48`.`category_sports`,
            `t48`.`category_sweats`,
            `t48`.`events`,
            `t48`.`mobile`,
            `t48`.`social_visits`,
            `t48`.`social_instagram`,
            `t48`.`social_tiktok`,
            `t48`.`social_facebook`
          FROM (
            SELECT
              `t39`.`person_id`,
              `t39`.`age`,
              `t39`.`female`,
              `t39`.`orders`,
              `t39`.`basket`,
              `t39`.`coupon_rate`,
              `t39`.`minutes_in_store`,
              `t39`.`weekend`,
              `t39`.`hours_early`,
              `t39`.`hours_late_morning`,
              `t39`.`hours_afternoon`,
              `t39`.`hours_evening`,
              `t39`.`hours_night`,
              `t39`.`channel_store`,
              `t39`.`channel_web`,
              `t39`.`channel_app`,
              `t39`.`channel_call_centre`,
              `t39`.`items_per_order`,
              `t39`.`private_label`,
              `t39`.`eco`,
              `t39`.`clearance`,
              `t39`.`return_rate`,
              `t39`.`children`,
              `t39`.`category_home`,
              `t39`.`category_fashion`,
              `t39`.`category_beauty`,
              `t39`.`category_grocery`,
              `t39`.`category_garden`,
              `t39`.`category_eco_cleaning`,
              `t39`.`category_kids`,
              `t39`.`category_books`,
              `t39`.`category_health`,
              `t39`.`category_electronics`,
              `t39`.`category_tees`,
              `t39`.`category_video_games`,
              `t39`.`category_jeans`,
              `t39`.`category_camping`,
              `t39`.`category_sports`,
              `t39`.`category_sweats`,
              `t47`.`person_id` AS `person_id_right`,
              `t47`.`events`,
              `t47`.`mobile`,
              `t47`.`social_visits`,
              `t47`.`social_instagram`,
              `t47`.`social_tiktok`,
              `t47`.`social_facebook`
            FROM (
              SELECT
                `t36`.`person_id`,
                `t36`.`age`,
                `t36`.`female`,
                `t36`.`orders`,
                `t36`.`basket`,
                `t36`.`coupon_rate`,
                `t36`.`minutes_in_store`,
                `t36`.`weekend`,
                `t36`.`hours_early`,
                `t36`.`hours_late_morning`,
                `t36`.`hours_afternoon`,
                `t36`.`hours_evening`,
                `t36`.`hours_night`,
                `t36`.`channel_store`,
                `t36`.`channel_web`,
                `t36`.`channel_app`,
                `t36`.`channel_call_centre`,
                `t36`.`items_per_order`,
                `t36`.`private_label`,
                `t36`.`eco`,
                `t36`.`clearance`,
                `t36`.`return_rate`,
                `t36`.`children`,
                `t36`.`category_home`,
                `t36`.`category_fashion`,
                `t36`.`category_beauty`,
                `t36`.`category_grocery`,
                `t36`.`category_garden`,
                `t36`.`category_eco_cleaning`,
                `t36`.`category_kids`,
                `t36`.`category_books`,
                `t36`.`category_health`,
                `t36`.`category_electronics`,
                `t36`.`category_tees`,
                `t36`.`category_video_games`,
                `t36`.`category_jeans`,
                `t36`.`category_camping`,
                `t36`.`category_sports`,
                `t36`.`category_sweats`
              FROM (
                SELECT
                  `t31`.`person_id`,
                  `t31`.`age`,
                  `t31`.`female`,
                  `t31`.`orders`,
                  `t31`.`basket`,
                  `t31`.`coupon_rate`,
                  `t31`.`minutes_in_store`,
                  `t31`.`weekend`,
                  `t31`.`hours_early`,
                  `t31`.`hours_late_morning`,
                  `t31`.`hours_afternoon`,
                  `t31`.`hours_evening`,
                  `t31`.`hours_night`,
                  `t31`.`channel_store`,
                  `t31`.`channel_web`,
                  `t31`.`channel_app`,
                  `t31`.`channel_call_centre`,
                  `t34`.`person_id` AS `person_id_right`,
                  `t34`.`items_per_order`,
                  `t34`.`private_label`,
                  `t34`.`eco`,
                  `t34`.`clearance`,
                  `t34`.`return_rate`,
                  `t34`.`children`,
                  `t34`.`category_home`,
                  `t34`.`category_fashion`,
                  `t34`.`category_beauty`,
                  `t34`.`category_grocery`,
                  `t34`.`category_garden`,
                  `t34`.`category_eco_cleaning`,
                  `t34`.`category_kids`,
                  `t34`.`category_books`,
                  `t34`.`category_health`,
                  `t34`.`category_electronics`,
                  `t34`.`category_tees`,
                  `t34`.`category_video_games`,
                  `t34`.`category_jeans`,
                  `t34`.`category_camping`,
                  `t34`.`category_sports`,
                  `t34`.`category_sweats`
                FROM (
                  SELECT
                    `t29`.`person_id`,
                    `t29`.`age`,
                    `t29`.`female`,
                    `t29`.`orders`,
                    `t29`.`basket`,
                    `t29`.`coupon_rate`,
                    `t29`.`minutes_in_store`,
                    `t29`.`weekend`,
                    `t29`.`hours_early`,
                    `t29`.`hours_late_morning`,
                    `t29`.`hours_afternoon`,
                    `t29`.`hours_evening`,
                    `t29`.`hours_night`,
                    `t29`.`channel_store`,
                    `t29`.`channel_web`,
                    `t29`.`channel_app`,
                    `t29`.`channel_call_centre`
                  FROM (
                    SELECT
                      `t20`.`person_id`,
                      `t20`.`age`,
                      `t20`.`female`,
                      `t26`.`person_id` AS `person_id_right`,
                      `t26`.`orders`,
                      `t26`.`basket`,
                      `t26`.`coupon_rate`,
                      `t26`.`minutes_in_store`,
                      `t26`.`weekend`,
                      `t26`.`hours_early`,
                      `t26`.`hours_late_morning`,
                      `t26`.`hours_afternoon`,
                      `t26`.`hours_evening`,
                      `t26`.`hours_night`,
                      `t26`.`channel_store`,
                      `t26`.`channel_web`,
                      `t26`.`channel_app`,
                      `t26`.`channel_call_centre`
                    FROM (
                      SELECT
                        `t3`.`person_id`,
                        IF(
                          (
                            (
                              CAST(DATEDIFF(DAY, MAKE_DATE(2026, 6, 29), `t3`.`birth_date`) AS DOUBLE) / -365.25
                            ) >= 0
                          )
                          AND (
                            (
                              CAST(DATEDIFF(DAY, MAKE_DATE(2026, 6, 29), `t3`.`birth_date`) AS DOUBLE) / -365.25
                            ) < 120
                          ),
                          CAST(DATEDIFF(DAY, MAKE_DATE(2026, 6, 29), `t3`.`birth_date`) AS DOUBLE) / -365.25,
                          CAST(NULL AS DOUBLE)
                        ) AS `age`,
                        CASE
                          WHEN LOWER(`t3`.`gender`) = 'female'
                          THEN 1.0
                          WHEN LOWER(`t3`.`gender`) = 'male'
                          THEN 0.0
                          ELSE CAST(NULL AS DOUBLE)
                        END AS `female`
                      FROM `profiles` AS `t3`
                    ) AS `t20`
                    LEFT OUTER JOIN (
                      SELECT
                        `t18`.`person_id`,
                        COUNT(*) AS `orders`,
                        AVG(`t18`.`total`) AS `basket`,
                        AVG(
                          CAST((
                            `t18`.`coupon_code` IS NOT NULL
                          ) OR (
                            COALESCE(`t18`.`discount`, 0) > 0
                          ) AS DOUBLE)
                        ) AS `coupon_rate`,
                        AVG(`t18`.`minutes_in_store`) AS `minutes_in_store`,
                        AVG(CAST((
                          (
                            DAYOFWEEK(`t18`.`ordered_at`) + 5
                          ) % 7
                        ) >= 5 AS DOUBLE)) AS `weekend`,
                        AVG(
                          CAST((
                            EXTRACT(hour FROM `t18`.`ordered_at`) >= 6
                          )
                          AND (
                            EXTRACT(hour FROM `t18`.`ordered_at`) < 10
                          ) AS DOUBLE)
                        ) AS `hours_early`,
                        AVG(
                          CAST((
                            EXTRACT(hour FROM `t18`.`ordered_at`) >= 10
                          )
                          AND (
                            EXTRACT(hour FROM `t18`.`ordered_at`) < 14
                          ) AS DOUBLE)
                        ) AS `hours_late_morning`,
                        AVG(
                          CAST((
                            EXTRACT(hour FROM `t18`.`ordered_at`) >= 14
                          )
                          AND (
                            EXTRACT(hour FROM `t18`.`ordered_at`) < 18
                          ) AS DOUBLE)
                        ) AS `hours_afternoon`,
                        AVG(
                          CAST((
                            EXTRACT(hour FROM `t18`.`ordered_at`) >= 18
                          )
                          AND (
                            EXTRACT(hour FROM `t18`.`ordered_at`) < 22
                          ) AS DOUBLE)
                        ) AS `hours_evening`,
                        AVG(
                          CAST((
                            EXTRACT(hour FROM `t18`.`ordered_at`) >= 22
                          )
                          OR (
                            EXTRACT(hour FROM `t18`.`ordered_at`) < 6
                          ) AS DOUBLE)
                        ) AS `hours_night`,
                        AVG(CAST(`t18`.`channel` = 'store' AS DOUBLE)) AS `channel_store`,
                        AVG(CAST(`t18`.`channel` = 'web' AS DOUBLE)) AS `channel_web`,
                        AVG(CAST(`t18`.`channel` = 'app' AS DOUBLE)) AS `channel_app`,
                        AVG(CAST(`t18`.`channel` = 'call_centre' AS DOUBLE)) AS `channel_call_centre`
                      FROM (
                        SELECT
                          `t14`.`order_id`,
                          `t14`.`contact_id`,
                          `t14`.`user_id`,
                          `t14`.`email`,
                          `t14`.`loyalty_id`,
                          `t14`.`ordered_at`,
                          `t14`.`channel`,
                          `t14`.`store_id`,
                          `t14`.`total`,
                          `t14`.`discount`,
                          `t14`.`coupon_code`,
                          `t14`.`minutes_in_store`,
                          `t14`.`source`,
                          `t14`.`record`,
                          `t7`.`person_id`
                        FROM (
                          SELECT
                            `t5`.`order_id`,
                            `t5`.`contact_id`,
                            `t5`.`user_id`,
                            `t5`.`email`,
                            `t5`.`loyalty_id`,
                            `t5`.`ordered_at`,
                            `t5`.`channel`,
                            `t5`.`store_id`,
                            `t5`.`total`,
                            `t5`.`discount`,
                            `t5`.`coupon_code`,
                            `t5`.`minutes_in_store`,
                            `t5`.`source`,
                            CONCAT('orders:', `t5`.`order_id`) AS `record`
                          FROM `orders` AS `t5`
                        ) AS `t14`
                        INNER JOIN `identity_records` AS `t7`
                          ON `t14`.`record` = `t7`.`record`
                      ) AS `t18`
                      GROUP BY
                        1
                    ) AS `t26`
                      ON `t20`.`person_id` = `t26`.`person_id`
                  ) AS `t29`
                ) AS `t31`
                LEFT OUTER JOIN (
                  SELECT
                    `t24`.`person_id`,
                    SUM(CAST(COALESCE(`t24`.`quantity`, 1) AS DOUBLE)) / COUNT(DISTINCT `t24`.`order_id`) AS `items_per_order`,
                    AVG(CAST(`t24`.`private_label` AS DOUBLE)) AS `private_label`,
                    AVG(CAST(`t24`.`eco` AS DOUBLE)) AS `eco`,
                    AVG(CAST(`t24`.`clearance` AS DOUBLE)) AS `clearance`,
                    AVG(CAST(`t24`.`returned` AS DOUBLE)) AS `return_rate`,
                    MAX(
                      CAST(COALESCE(
                        CONTAINS(LOWER(`t24`.`category`), 'kid')
                        OR CONTAINS(LOWER(`t24`.`category`), 'baby')
                        OR CONTAINS(LOWER(`t24`.`category`), 'toy')
                        OR CONTAINS(LOWER(`t24`.`category`), 'child')
                        OR CONTAINS(LOWER(`t24`.`category`), 'infant')
                        OR CONTAINS(LOWER(`t24`.`category`), 'school'),
                        FALSE
                      ) AS DOUBLE)
                    ) AS `children`,
                    AVG(CAST(`t24`.`category` = 'home' AS DOUBLE)) AS `category_home`,
                    AVG(CAST(`t24`.`category` = 'fashion' AS DOUBLE)) AS `category_fashion`,
                    AVG(CAST(`t24`.`category` = 'beauty' AS DOUBLE)) AS `category_beauty`,
                    AVG(CAST(`t24`.`category` = 'grocery' AS DOUBLE)) AS `category_grocery`,
                    AVG(CAST(`t24`.`category` = 'garden' AS DOUBLE)) AS `category_garden`,
                    AVG(CAST(`t24`.`category` = 'eco_cleaning' AS DOUBLE)) AS `category_eco_cleaning`,
                    AVG(CAST(`t24`.`category` = 'kids' AS DOUBLE)) AS `category_kids`,
                    AVG(CAST(`t24`.`category` = 'books' AS DOUBLE)) AS `category_books`,
                    AVG(CAST(`t24`.`category` = 'health' AS DOUBLE)) AS `category_health`,
                    AVG(CAST(`t24`.`category` = 'electronics' AS DOUBLE)) AS `category_electronics`,
                    AVG(CAST(`t24`.`category` = 'tees' AS DOUBLE)) AS `category_tees`,
                    AVG(CAST(`t24`.`category` = 'video_games' AS DOUBLE)) AS `category_video_games`,
                    AVG(CAST(`t24`.`category` = 'jeans' AS DOUBLE)) AS `category_jeans`,
                    AVG(CAST(`t24`.`category` = 'camping' AS DOUBLE)) AS `category_camping`,
                    AVG(CAST(`t24`.`category` = 'sports' AS DOUBLE)) AS `category_sports`,
                    AVG(CAST(`t24`.`category` = 'sweats' AS DOUBLE)) AS `category_sweats`
                  FROM (
                    SELECT
                      `t8`.`order_id`,
                      `t8`.`line`,
                      `t8`.`sku`,
                      `t8`.`category`,
                      `t8`.`brand`,
                      `t8`.`private_label`,
                      `t8`.`eco`,
                      `t8`.`clearance`,
                      `t8`.`quantity`,
                      `t8`.`unit_price`,
                      `t8`.`returned`,
                      `t8`.`return_reason`,
                      `t8`.`source`,
                      `t21`.`person_id`
                    FROM `order_items` AS `t8`
                    INNER JOIN (
                      SELECT
                        `t14`.`order_id`,
                        `t7`.`person_id`
                      FROM (
                        SELECT
                          `t5`.`order_id`,
                          `t5`.`contact_id`,
                          `t5`.`user_id`,
                          `t5`.`email`,
                          `t5`.`loyalty_id`,
                          `t5`.`ordered_at`,
                          `t5`.`channel`,
                          `t5`.`store_id`,
                          `t5`.`total`,
                          `t5`.`discount`,
                          `t5`.`coupon_code`,
                          `t5`.`minutes_in_store`,
                          `t5`.`source`,
                          CONCAT('orders:', `t5`.`order_id`) AS `record`
                        FROM `orders` AS `t5`
                      ) AS `t14`
                      INNER JOIN `identity_records` AS `t7`
                        ON `t14`.`record` = `t7`.`record`
                    ) AS `t21`
                      ON `t8`.`order_id` = `t21`.`order_id`
                  ) AS `t24`
                  GROUP BY
                    1
                ) AS `t34`
                  ON `t31`.`person_id` = `t34`.`person_id`
              ) AS `t36`
            ) AS `t39`
            LEFT OUTER JOIN (
              SELECT
                `t45`.`person_id`,
                `t45`.`events`,
                `t45`.`mobile`,
                `t45`.`social_visits`,
                `t45`.`social_instagram`,
                `t45`.`social_tiktok`,
                `t45`.`social_facebook`
              FROM (
                SELECT
                  `t42`.`person_id`,
                  `t42`.`events`,
                  `t42`.`mobile`,
                  `t42`.`social_visits`,
                  `t44`.`person_id` AS `person_id_right`,
                  `t44`.`social_instagram`,
                  `t44`.`social_tiktok`,
                  `t44`.`social_facebook`
                FROM (
                  SELECT
                    `t37`.`person_id`,
                    COUNT(*) AS `events`,
                    AVG(CAST(`t37`.`channel` = 'mobile' AS DOUBLE)) AS `mobile`,
                    COUNT(`t37`.`social`) AS `social_visits`
                  FROM `t35` AS `t37`
                  GROUP BY
                    1
                ) AS `t42`
                LEFT OUTER JOIN (
                  SELECT
                    `t40`.`person_id`,
                    AVG(CAST(`t40`.`social` = 'instagram' AS DOUBLE)) AS `social_instagram`,
                    AVG(CAST(`t40`.`social` = 'tiktok' AS DOUBLE)) AS `social_tiktok`,
                    AVG(CAST(`t40`.`social` = 'facebook' AS DOUBLE)) AS `social_facebook`
                  FROM (
                    SELECT
                      *
                    FROM `t35` AS `t37`
                    WHERE
                      `t37`.`social` IS NOT NULL
                  ) AS `t40`
                  GROUP BY
                    1
                ) AS `t44`
                  ON `t42`.`person_id` = `t44`.`person_id`
              ) AS `t45`
            ) AS `t47`
              ON `t39`.`person_id` = `t47`.`person_id`
          ) AS `t48`
        ) AS `t50`
        LEFT OUTER JOIN (
          SELECT
            `t16`.`person_id`,
            AVG(IF(`t16`.`kind` = 'nps', `t16`.`score`, NULL)) AS `nps`,
            AVG(IF(`t16`.`kind` = 'csat', `t16`.`score`, NULL)) AS `csat`
          FROM (
            SELECT
              `t13`.`response_id`,
              `t13`.`contact_id`,
              `t13`.`user_id`,
              `t13`.`email`,
              `t13`.`loyalty_id`,
              `t13`.`submitted_at`,
              `t13`.`kind`,
              `t13`.`score`,
              `t13`.`comment`,
              `t13`.`touchpoint`,
              `t13`.`channel`,
              `t13`.`source`,
              `t13`.`record`,
              `t7`.`person_id`
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
            ) AS `t13`
            INNER JOIN `identity_records` AS `t7`
              ON `t13`.`record` = `t7`.`record`
          ) AS `t16`
          GROUP BY
            1
        ) AS `t23`
          ON `t50`.`person_id` = `t23`.`person_id`
      ) AS `t51`
    ) AS `t53`
    LEFT OUTER JOIN (
      SELECT
        `t0`.`person_id`,
        `t0`.`stage`,
        `t0`.`clv`,
        `t0`.`p_alive`,
        CAST(`t0`.`frequency` AS DOUBLE) AS `frequency`,
        `t0`.`monetary`,
        `t0`.`r_score`,
        `t0`.`f_score`,
        `t0`.`m_score`
      FROM `customer_value` AS `t0`
    ) AS `t12`
      ON `t53`.`person_id` = `t12`.`person_id`
  ) AS `t54`
) AS `t55`
