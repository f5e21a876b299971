SELECT
  `t26`.`source`,
  `t26`.`ref`,
  `t26`.`person_id`,
  CAST(`t26`.`at` AS TIMESTAMP) AS `at`,
  `t26`.`kind`,
  `t26`.`score`,
  `t26`.`touchpoint`,
  `t26`.`channel`,
  `t26`.`text`,
  `t26`.`sentiment`,
  `t26`.`sentiment_label`,
  `t26`.`intent`,
  `t26`.`theme`,
  `t26`.`themes`
FROM (
  SELECT
    `t25`.`source`,
    `t25`.`ref`,
    `t25`.`person_id`,
    `t25`.`at`,
    `t25`.`kind`,
    `t25`.`score`,
    `t25`.`touchpoint`,
    `t25`.`channel`,
    `t25`.`text`,
    `t25`.`sentiment`,
    `t25`.`sentiment_label`,
    `t25`.`intent`,
    `t25`.`theme`,
    `t25`.`themes`
  FROM (
    SELECT
      `t24`.`source`,
      `t24`.`ref`,
      `t24`.`person_id`,
      `t24`.`at`,
      `t24`.`kind`,
      `t24`.`score`,
      `t24`.`touchpoint`,
      `t24`.`channel`,
      `t24`.`text`,
      `t5`.`text` AS `text_right`,
      `t5`.`sentiment`,
      `t5`.`sentiment_label`,
      `t5`.`intent`,
      `t5`.`theme`,
      `t5`.`themes`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          'mentions' AS `source`,
          `t16`.`mention_id` AS `ref`,
          `t16`.`person_id`,
          `t16`.`posted_at` AS `at`,
          'post' AS `kind`,
          CAST(NULL AS DOUBLE) AS `score`,
          'social' AS `touchpoint`,
          LOWER(`t16`.`platform`) AS `channel`,
          NULLIF(REGEXP_REPLACE(`t16`.`text`, '^\\s+|\\s+$', ''), '') AS `text`
        FROM (
          SELECT
            `t13`.`mention_id`,
            `t13`.`contact_id`,
            `t13`.`user_id`,
            `t13`.`email`,
            `t13`.`loyalty_id`,
            `t13`.`platform`,
            `t13`.`handle`,
            `t13`.`posted_at`,
            `t13`.`text`,
            `t13`.`url`,
            `t13`.`source`,
            `t13`.`record`,
            `t13`.`person_id`
          FROM (
            SELECT
              `t10`.`mention_id`,
              `t10`.`contact_id`,
              `t10`.`user_id`,
              `t10`.`email`,
              `t10`.`loyalty_id`,
              `t10`.`platform`,
              `t10`.`handle`,
              `t10`.`posted_at`,
              `t10`.`text`,
              `t10`.`url`,
              `t10`.`source`,
              `t10`.`record`,
              `t6`.`record` AS `record_right`,
              `t6`.`person_id`
            FROM (
              SELECT
                `t1`.`mention_id`,
                `t1`.`contact_id`,
                `t1`.`user_id`,
                `t1`.`email`,
                `t1`.`loyalty_id`,
                `t1`.`platform`,
                `t1`.`handle`,
                `t1`.`posted_at`,
                `t1`.`text`,
                `t1`.`url`,
                `t1`.`source`,
                CONCAT('mentions:', `t1`.`mention_id`) AS `record`
              FROM `mentions` AS `t1`
            ) AS `t10`
            LEFT OUTER JOIN `identity_records` AS `t6`
              ON `t10`.`record` = `t6`.`record`
          ) AS `t13`
        ) AS `t16`
      ) AS `t19`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            'feedback' AS `source`,
            `t17`.`response_id` AS `ref`,
            `t17`.`person_id`,
            `t17`.`submitted_at` AS `at`,
            `t17`.`kind`,
            `t17`.`score`,
            `t17`.`touchpoint`,
            `t17`.`channel`,
            NULLIF(REGEXP_REPLACE(`t17`.`comment`, '^\\s+|\\s+$', ''), '') AS `text`
          FROM (
            SELECT
              `t14`.`response_id`,
              `t14`.`contact_id`,
              `t14`.`user_id`,
              `t14`.`email`,
              `t14`.`loyalty_id`,
              `t14`.`submitted_at`,
              `t14`.`kind`,
              `t14`.`score`,
              `t14`.`comment`,
              `t14`.`touchpoint`,
              `t14`.`channel`,
              `t14`.`source`,
              `t14`.`record`,
              `t14`.`person_id`
            FROM (
              SELECT
                `t11`.`response_id`,
                `t11`.`contact_id`,
                `t11`.`user_id`,
                `t11`.`email`,
                `t11`.`loyalty_id`,
                `t11`.`submitted_at`,
                `t11`.`kind`,
                `t11`.`score`,
                `t11`.`comment`,
                `t11`.`touchpoint`,
                `t11`.`channel`,
                `t11`.`source`,
                `t11`.`record`,
                `t6`.`record` AS `record_right`,
                `t6`.`person_id`
              FROM (
                SELECT
                  `t3`.`response_id`,
                  `t3`.`contact_id`,
                  `t3`.`user_id`,
                  `t3`.`email`,
                  `t3`.`loyalty_id`,
                  `t3`.`submitted_at`,
                  `t3`.`kind`,
                  `t3`.`score`,
                  `t3`.`comment`,
                  `t3`.`touchpoint`,
                  `t3`.`channel`,
                  `t3`.`source`,
                  CONCAT('feedback:', `t3`.`response_id`) AS `record`
                FROM `feedback` AS `t3`
              ) AS `t11`
              LEFT OUTER JOIN `identity_records` AS `t6`
                ON `t11`.`record` = `t6`.`record`
            ) AS `t14`
          ) AS `t17`
        ) AS `t20`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            'tickets' AS `source`,
            `t18`.`ticket_id` AS `ref`,
            `t18`.`person_id`,
            `t18`.`opened_at` AS `at`,
            'ticket' AS `kind`,
            CAST(NULL AS DOUBLE) AS `score`,
            'support' AS `touchpoint`,
            `t18`.`channel`,
            IF(
              (
                NULLIF(REGEXP_REPLACE(`t18`.`subject`, '^\\s+|\\s+$', ''), '') IS NOT NULL
              )
              AND (
                NULLIF(REGEXP_REPLACE(`t18`.`body`, '^\\s+|\\s+$', ''), '') IS NOT NULL
              ),
              CONCAT(
                CONCAT(NULLIF(REGEXP_REPLACE(`t18`.`subject`, '^\\s+|\\s+$', ''), ''), '. '),
                NULLIF(REGEXP_REPLACE(`t18`.`body`, '^\\s+|\\s+$', ''), '')
              ),
              COALESCE(
                NULLIF(REGEXP_REPLACE(`t18`.`subject`, '^\\s+|\\s+$', ''), ''),
                NULLIF(REGEXP_REPLACE(`t18`.`body`, '^\\s+|\\s+$', ''), '')
              )
            ) AS `text`
          FROM (
            SELECT
              `t15`.`ticket_id`,
              `t15`.`contact_id`,
              `t15`.`user_id`,
              `t15`.`email`,
              `t15`.`loyalty_id`,
              `t15`.`opened_at`,
              `t15`.`channel`,
              `t15`.`subject`,
              `t15`.`body`,
              `t15`.`resolved_at`,
              `t15`.`source`,
              `t15`.`record`,
              `t15`.`person_id`
            FROM (
              SELECT
                `t12`.`ticket_id`,
                `t12`.`contact_id`,
                `t12`.`user_id`,
                `t12`.`email`,
                `t12`.`loyalty_id`,
                `t12`.`opened_at`,
                `t12`.`channel`,
                `t12`.`subject`,
                `t12`.`body`,
                `t12`.`resolved_at`,
                `t12`.`source`,
                `t12`.`record`,
                `t6`.`record` AS `record_right`,
                `t6`.`person_id`
              FROM (
                SELECT
                  `t4`.`ticket_id`,
                  `t4`.`contact_id`,
                  `t4`.`user_id`,
                  `t4`.`email`,
                  `t4`.`loyalty_id`,
                  `t4`.`opened_at`,
                  `t4`.`channel`,
                  `t4`.`subject`,
                  `t4`.`body`,
                  `t4`.`resolved_at`,
                  `t4`.`source`,
                  CONCAT('tickets:', `t4`.`ticket_id`) AS `record`
                FROM `tickets` AS `t4`
              ) AS `t12`
              LEFT OUTER JOIN `identity_records` AS `t6`
                ON `t12`.`record` = `t6`.`record`
            ) AS `t15`
          ) AS `t18`
        ) AS `t21`
      ) AS `t22`
    ) AS `t24`
    LEFT OUTER JOIN `ibis_table` AS `t5`
      ON `t24`.`text` = `t5`.`text`
  ) AS `t25`
) AS `t26`
