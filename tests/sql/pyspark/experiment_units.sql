SELECT
  `t50`.`experiment`,
  `t50`.`person_id`,
  `t50`.`variant`,
  CAST(`t50`.`exposed_at` AS TIMESTAMP) AS `exposed_at`,
  `t50`.`converted`,
  `t50`.`revenue`,
  `t50`.`pre_conversions`,
  `t50`.`pre_revenue`,
  `t50`.`persona`,
  `t50`.`stage`
FROM (
  SELECT
    `t49`.`experiment`,
    `t49`.`person_id`,
    `t49`.`variant`,
    `t49`.`exposed_at`,
    `t49`.`converted`,
    `t49`.`revenue`,
    `t49`.`pre_conversions`,
    `t49`.`pre_revenue`,
    `t49`.`persona`,
    `t49`.`stage`
  FROM (
    SELECT
      `t41`.`experiment`,
      `t41`.`person_id`,
      `t41`.`variant`,
      `t41`.`exposed_at`,
      `t41`.`converted`,
      `t41`.`revenue`,
      `t41`.`pre_conversions`,
      `t41`.`pre_revenue`,
      `t41`.`persona`,
      `t48`.`experiment` AS `experiment_right`,
      `t48`.`person_id` AS `person_id_right`,
      `t48`.`stage`
    FROM (
      SELECT
        `t39`.`experiment`,
        `t39`.`person_id`,
        `t39`.`variant`,
        `t39`.`exposed_at`,
        `t39`.`converted`,
        `t39`.`revenue`,
        `t39`.`pre_conversions`,
        `t39`.`pre_revenue`,
        `t39`.`persona`
      FROM (
        SELECT
          `t38`.`experiment`,
          `t38`.`person_id`,
          `t38`.`variant`,
          `t38`.`exposed_at`,
          `t38`.`converted`,
          `t38`.`revenue`,
          `t38`.`pre_conversions`,
          `t38`.`pre_revenue`,
          `t8`.`person_id` AS `person_id_right`,
          `t8`.`persona`
        FROM (
          SELECT
            `t36`.`experiment`,
            `t36`.`person_id`,
            `t36`.`variant`,
            `t36`.`exposed_at`,
            COALESCE(`t36`.`converted`, 0) AS `converted`,
            COALESCE(`t36`.`revenue`, 0.0) AS `revenue`,
            COALESCE(`t36`.`pre_conversions`, 0.0) AS `pre_conversions`,
            COALESCE(`t36`.`pre_revenue`, 0.0) AS `pre_revenue`
          FROM (
            SELECT
              `t35`.`experiment`,
              `t35`.`person_id`,
              `t35`.`variant`,
              `t35`.`exposed_at`,
              `t35`.`converted`,
              `t35`.`pre_conversions`,
              `t35`.`revenue`,
              `t35`.`pre_revenue`
            FROM (
              SELECT
                `t34`.`experiment`,
                `t34`.`person_id`,
                `t34`.`variant`,
                `t34`.`exposed_at`,
                `t34`.`converted`,
                `t34`.`pre_conversions`,
                `t29`.`experiment` AS `experiment_right`,
                `t29`.`person_id` AS `person_id_right`,
                `t29`.`revenue`,
                `t29`.`pre_revenue`
              FROM (
                SELECT
                  `t32`.`experiment`,
                  `t32`.`person_id`,
                  `t32`.`variant`,
                  `t32`.`exposed_at`,
                  `t32`.`converted`,
                  `t32`.`pre_conversions`
                FROM (
                  SELECT
                    `t25`.`experiment`,
                    `t25`.`person_id`,
                    `t25`.`variant`,
                    `t25`.`exposed_at`,
                    `t31`.`experiment` AS `experiment_right`,
                    `t31`.`person_id` AS `person_id_right`,
                    `t31`.`converted`,
                    `t31`.`pre_conversions`
                  FROM (
                    SELECT
                      `t23`.`experiment`,
                      `t23`.`person_id`,
                      IF(`t23`.`arms` = 1, `t23`.`variant`, CAST(NULL AS STRING)) AS `variant`,
                      `t23`.`exposed_at`
                    FROM (
                      SELECT
                        `t22`.`experiment`,
                        `t22`.`person_id`,
                        MIN(`t22`.`timestamp`) AS `exposed_at`,
                        COUNT(DISTINCT `t22`.`variant`) AS `arms`,
                        MIN(`t22`.`variant`) AS `variant`
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t6`.`person_id`,
                            `t17`.`timestamp`,
                            COALESCE(
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_name"\\s*:\\s*"([^"]*)"'), ''),
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_id"\\s*:\\s*"([^"]*)"'), '')
                            ) AS `experiment`,
                            COALESCE(
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_name"\\s*:\\s*"([^"]*)"'), ''),
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_name"\\s*:\\s*"([^"]*)"'), ''),
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_id"\\s*:\\s*"([^"]*)"'), ''),
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_id"\\s*:\\s*"([^"]*)"'), '')
                            ) AS `variant`
                          FROM (
                            SELECT
                              `t11`.`timestamp`,
                              `t11`.`properties`,
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
                                `t4`.`timestamp`,
                                `t4`.`properties`,
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
                                `t4`.`type` = 'track' AND `t4`.`event` = 'Experiment Viewed'
                            ) AS `t11`
                          ) AS `t17`
                          INNER JOIN `identity_records` AS `t6`
                            ON `t17`.`record` = `t6`.`record`
                        ) AS `t20`
                        WHERE
                          `t20`.`experiment` IS NOT NULL AND `t20`.`variant` IS NOT NULL
                      ) AS `t22`
                      GROUP BY
                        1,
                        2
                    ) AS `t23`
                    WHERE
                      `t23`.`arms` = 1
                  ) AS `t25`
                  LEFT OUTER JOIN (
                    SELECT
                      `t27`.`experiment`,
                      `t27`.`person_id`,
                      CAST(BOOL_OR(`t27`.`_at` >= `t27`.`exposed_at`) AS BIGINT) AS `converted`,
                      CAST(SUM(
                        CAST((
                          `t27`.`_at` < `t27`.`exposed_at`
                        )
                        AND (
                          `t27`.`_at` >= (
                            `t27`.`exposed_at` - INTERVAL '90' DAY
                          )
                        ) AS INT)
                      ) AS DOUBLE) AS `pre_conversions`
                    FROM (
                      SELECT
                        `t25`.`experiment`,
                        `t25`.`person_id`,
                        `t25`.`variant`,
                        `t25`.`exposed_at`,
                        `t21`.`_at`
                      FROM (
                        SELECT
                          `t23`.`experiment`,
                          `t23`.`person_id`,
                          IF(`t23`.`arms` = 1, `t23`.`variant`, CAST(NULL AS STRING)) AS `variant`,
                          `t23`.`exposed_at`
                        FROM (
                          SELECT
                            `t22`.`experiment`,
                            `t22`.`person_id`,
                            MIN(`t22`.`timestamp`) AS `exposed_at`,
                            COUNT(DISTINCT `t22`.`variant`) AS `arms`,
                            MIN(`t22`.`variant`) AS `variant`
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                `t6`.`person_id`,
                                `t17`.`timestamp`,
                                COALESCE(
                                  NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_name"\\s*:\\s*"([^"]*)"'), ''),
                                  NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_id"\\s*:\\s*"([^"]*)"'), '')
                                ) AS `experiment`,
                                COALESCE(
                                  NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_name"\\s*:\\s*"([^"]*)"'), ''),
                                  NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_name"\\s*:\\s*"([^"]*)"'), ''),
                                  NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_id"\\s*:\\s*"([^"]*)"'), ''),
                                  NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_id"\\s*:\\s*"([^"]*)"'), '')
                                ) AS `variant`
                              FROM (
                                SELECT
                                  `t11`.`timestamp`,
                                  `t11`.`properties`,
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
                                    `t4`.`timestamp`,
                                    `t4`.`properties`,
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
                                    `t4`.`type` = 'track' AND `t4`.`event` = 'Experiment Viewed'
                                ) AS `t11`
                              ) AS `t17`
                              INNER JOIN `identity_records` AS `t6`
                                ON `t17`.`record` = `t6`.`record`
                            ) AS `t20`
                            WHERE
                              `t20`.`experiment` IS NOT NULL AND `t20`.`variant` IS NOT NULL
                          ) AS `t22`
                          GROUP BY
                            1,
                            2
                        ) AS `t23`
                        WHERE
                          `t23`.`arms` = 1
                      ) AS `t25`
                      INNER JOIN (
                        SELECT
                          `t6`.`person_id`,
                          `t18`.`timestamp` AS `_at`
                        FROM (
                          SELECT
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
                            WHERE
                              `t4`.`type` = 'track' AND `t4`.`event` = 'Order Completed'
                          ) AS `t12`
                        ) AS `t18`
                        INNER JOIN `identity_records` AS `t6`
                          ON `t18`.`record` = `t6`.`record`
                      ) AS `t21`
                        ON `t25`.`person_id` = `t21`.`person_id`
                    ) AS `t27`
                    GROUP BY
                      1,
                      2
                  ) AS `t31`
                    ON `t25`.`experiment` = `t31`.`experiment` AND `t25`.`person_id` = `t31`.`person_id`
                ) AS `t32`
              ) AS `t34`
              LEFT OUTER JOIN (
                SELECT
                  `t26`.`experiment`,
                  `t26`.`person_id`,
                  SUM(IF(`t26`.`_at` >= `t26`.`exposed_at`, `t26`.`_total`, NULL)) AS `revenue`,
                  SUM(
                    IF(
                      (
                        `t26`.`_at` < `t26`.`exposed_at`
                      )
                      AND (
                        `t26`.`_at` >= (
                          `t26`.`exposed_at` - INTERVAL '90' DAY
                        )
                      ),
                      `t26`.`_total`,
                      NULL
                    )
                  ) AS `pre_revenue`
                FROM (
                  SELECT
                    `t25`.`experiment`,
                    `t25`.`person_id`,
                    `t25`.`variant`,
                    `t25`.`exposed_at`,
                    `t14`.`_at`,
                    `t14`.`_total`
                  FROM (
                    SELECT
                      `t23`.`experiment`,
                      `t23`.`person_id`,
                      IF(`t23`.`arms` = 1, `t23`.`variant`, CAST(NULL AS STRING)) AS `variant`,
                      `t23`.`exposed_at`
                    FROM (
                      SELECT
                        `t22`.`experiment`,
                        `t22`.`person_id`,
                        MIN(`t22`.`timestamp`) AS `exposed_at`,
                        COUNT(DISTINCT `t22`.`variant`) AS `arms`,
                        MIN(`t22`.`variant`) AS `variant`
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            `t6`.`person_id`,
                            `t17`.`timestamp`,
                            COALESCE(
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_name"\\s*:\\s*"([^"]*)"'), ''),
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_id"\\s*:\\s*"([^"]*)"'), '')
                            ) AS `experiment`,
                            COALESCE(
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_name"\\s*:\\s*"([^"]*)"'), ''),
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_name"\\s*:\\s*"([^"]*)"'), ''),
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_id"\\s*:\\s*"([^"]*)"'), ''),
                              NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_id"\\s*:\\s*"([^"]*)"'), '')
                            ) AS `variant`
                          FROM (
                            SELECT
                              `t11`.`timestamp`,
                              `t11`.`properties`,
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
                                `t4`.`timestamp`,
                                `t4`.`properties`,
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
                                `t4`.`type` = 'track' AND `t4`.`event` = 'Experiment Viewed'
                            ) AS `t11`
                          ) AS `t17`
                          INNER JOIN `identity_records` AS `t6`
                            ON `t17`.`record` = `t6`.`record`
                        ) AS `t20`
                        WHERE
                          `t20`.`experiment` IS NOT NULL AND `t20`.`variant` IS NOT NULL
                      ) AS `t22`
                      GROUP BY
                        1,
                        2
                    ) AS `t23`
                    WHERE
                      `t23`.`arms` = 1
                  ) AS `t25`
                  INNER JOIN (
                    SELECT
                      `t6`.`person_id`,
                      `t10`.`ordered_at` AS `_at`,
                      `t10`.`total` AS `_total`
                    FROM (
                      SELECT
                        `t2`.`order_id`,
                        `t2`.`contact_id`,
                        `t2`.`user_id`,
                        `t2`.`email`,
                        `t2`.`loyalty_id`,
                        `t2`.`ordered_at`,
                        `t2`.`channel`,
                        `t2`.`store_id`,
                        `t2`.`total`,
                        `t2`.`discount`,
                        `t2`.`coupon_code`,
                        `t2`.`minutes_in_store`,
                        `t2`.`source`,
                        CONCAT('orders:', `t2`.`order_id`) AS `record`
                      FROM `orders` AS `t2`
                    ) AS `t10`
                    INNER JOIN `identity_records` AS `t6`
                      ON `t10`.`record` = `t6`.`record`
                  ) AS `t14`
                    ON `t25`.`person_id` = `t14`.`person_id`
                ) AS `t26`
                GROUP BY
                  1,
                  2
              ) AS `t29`
                ON `t34`.`experiment` = `t29`.`experiment` AND `t34`.`person_id` = `t29`.`person_id`
            ) AS `t35`
          ) AS `t36`
        ) AS `t38`
        LEFT OUTER JOIN (
          SELECT
            `t0`.`person_id`,
            `t0`.`persona_name` AS `persona`
          FROM `persona_assignments` AS `t0`
        ) AS `t8`
          ON `t38`.`person_id` = `t8`.`person_id`
      ) AS `t39`
    ) AS `t41`
    LEFT OUTER JOIN (
      SELECT
        `t46`.`experiment`,
        `t46`.`person_id`,
        `t46`.`stage`
      FROM (
        SELECT
          `t45`.`experiment`,
          `t45`.`person_id`,
          `t45`.`exposed_at`,
          `t45`.`stage`,
          `t45`.`since`,
          ROW_NUMBER() OVER (PARTITION BY `t45`.`experiment`, `t45`.`person_id` ORDER BY `t45`.`since` DESC) - 1 AS `k`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t43`.`experiment`,
              `t43`.`person_id`,
              `t43`.`exposed_at`,
              `t5`.`stage`,
              `t5`.`since`
            FROM (
              SELECT
                `t40`.`experiment`,
                `t40`.`person_id`,
                `t40`.`exposed_at`
              FROM (
                SELECT
                  `t39`.`experiment`,
                  `t39`.`person_id`,
                  `t39`.`variant`,
                  `t39`.`exposed_at`,
                  `t39`.`converted`,
                  `t39`.`revenue`,
                  `t39`.`pre_conversions`,
                  `t39`.`pre_revenue`,
                  `t39`.`persona`
                FROM (
                  SELECT
                    `t38`.`experiment`,
                    `t38`.`person_id`,
                    `t38`.`variant`,
                    `t38`.`exposed_at`,
                    `t38`.`converted`,
                    `t38`.`revenue`,
                    `t38`.`pre_conversions`,
                    `t38`.`pre_revenue`,
                    `t8`.`person_id` AS `person_id_right`,
                    `t8`.`persona`
                  FROM (
                    SELECT
                      `t36`.`experiment`,
                      `t36`.`person_id`,
                      `t36`.`variant`,
                      `t36`.`exposed_at`,
                      COALESCE(`t36`.`converted`, 0) AS `converted`,
                      COALESCE(`t36`.`revenue`, 0.0) AS `revenue`,
                      COALESCE(`t36`.`pre_conversions`, 0.0) AS `pre_conversions`,
                      COALESCE(`t36`.`pre_revenue`, 0.0) AS `pre_revenue`
                    FROM (
                      SELECT
                        `t35`.`experiment`,
                        `t35`.`person_id`,
                        `t35`.`variant`,
                        `t35`.`exposed_at`,
                        `t35`.`converted`,
                        `t35`.`pre_conversions`,
                        `t35`.`revenue`,
                        `t35`.`pre_revenue`
                      FROM (
                        SELECT
                          `t34`.`experiment`,
                          `t34`.`person_id`,
                          `t34`.`variant`,
                          `t34`.`exposed_at`,
                          `t34`.`converted`,
                          `t34`.`pre_conversions`,
                          `t29`.`experiment` AS `experiment_right`,
                          `t29`.`person_id` AS `person_id_right`,
                          `t29`.`revenue`,
                          `t29`.`pre_revenue`
                        FROM (
                          SELECT
                            `t32`.`experiment`,
                            `t32`.`person_id`,
                            `t32`.`variant`,
                            `t32`.`exposed_at`,
                            `t32`.`converted`,
                            `t32`.`pre_conversions`
                          FROM (
                            SELECT
                              `t25`.`experiment`,
                              `t25`.`person_id`,
                              `t25`.`variant`,
                              `t25`.`exposed_at`,
                              `t31`.`experiment` AS `experiment_right`,
                              `t31`.`person_id` AS `person_id_right`,
                              `t31`.`converted`,
                              `t31`.`pre_conversions`
                            FROM (
                              SELECT
                                `t23`.`experiment`,
                                `t23`.`person_id`,
                                IF(`t23`.`arms` = 1, `t23`.`variant`, CAST(NULL AS STRING)) AS `variant`,
                                `t23`.`exposed_at`
                              FROM (
                                SELECT
                                  `t22`.`experiment`,
                                  `t22`.`person_id`,
                                  MIN(`t22`.`timestamp`) AS `exposed_at`,
                                  COUNT(DISTINCT `t22`.`variant`) AS `arms`,
                                  MIN(`t22`.`variant`) AS `variant`
                                FROM (
                                  SELECT
                                    *
                                  FROM (
                                    SELECT
                                      `t6`.`person_id`,
                                      `t17`.`timestamp`,
                                      COALESCE(
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_name"\\s*:\\s*"([^"]*)"'), ''),
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_id"\\s*:\\s*"([^"]*)"'), '')
                                      ) AS `experiment`,
                                      COALESCE(
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_name"\\s*:\\s*"([^"]*)"'), ''),
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_name"\\s*:\\s*"([^"]*)"'), ''),
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_id"\\s*:\\s*"([^"]*)"'), ''),
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_id"\\s*:\\s*"([^"]*)"'), '')
                                      ) AS `variant`
                                    FROM (
                                      SELECT
                                        `t11`.`timestamp`,
                                        `t11`.`properties`,
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
                                          `t4`.`timestamp`,
                                          `t4`.`properties`,
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
                                          `t4`.`type` = 'track' AND `t4`.`event` = 'Experiment Viewed'
                                      ) AS `t11`
                                    ) AS `t17`
                                    INNER JOIN `identity_records` AS `t6`
                                      ON `t17`.`record` = `t6`.`record`
                                  ) AS `t20`
                                  WHERE
                                    `t20`.`experiment` IS NOT NULL AND `t20`.`variant` IS NOT NULL
                                ) AS `t22`
                                GROUP BY
                                  1,
                                  2
                              ) AS `t23`
                              WHERE
                                `t23`.`arms` = 1
                            ) AS `t25`
                            LEFT OUTER JOIN (
                              SELECT
                                `t27`.`experiment`,
                                `t27`.`person_id`,
                                CAST(BOOL_OR(`t27`.`_at` >= `t27`.`exposed_at`) AS BIGINT) AS `converted`,
                                CAST(SUM(
                                  CAST((
                                    `t27`.`_at` < `t27`.`exposed_at`
                                  )
                                  AND (
                                    `t27`.`_at` >= (
                                      `t27`.`exposed_at` - INTERVAL '90' DAY
                                    )
                                  ) AS INT)
                                ) AS DOUBLE) AS `pre_conversions`
                              FROM (
                                SELECT
                                  `t25`.`experiment`,
                                  `t25`.`person_id`,
                                  `t25`.`variant`,
                                  `t25`.`exposed_at`,
                                  `t21`.`_at`
                                FROM (
                                  SELECT
                                    `t23`.`experiment`,
                                    `t23`.`person_id`,
                                    IF(`t23`.`arms` = 1, `t23`.`variant`, CAST(NULL AS STRING)) AS `variant`,
                                    `t23`.`exposed_at`
                                  FROM (
                                    SELECT
                                      `t22`.`experiment`,
                                      `t22`.`person_id`,
                                      MIN(`t22`.`timestamp`) AS `exposed_at`,
                                      COUNT(DISTINCT `t22`.`variant`) AS `arms`,
                                      MIN(`t22`.`variant`) AS `variant`
                                    FROM (
                                      SELECT
                                        *
                                      FROM (
                                        SELECT
                                          `t6`.`person_id`,
                                          `t17`.`timestamp`,
                                          COALESCE(
                                            NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_name"\\s*:\\s*"([^"]*)"'), ''),
                                            NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_id"\\s*:\\s*"([^"]*)"'), '')
                                          ) AS `experiment`,
                                          COALESCE(
                                            NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_name"\\s*:\\s*"([^"]*)"'), ''),
                                            NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_name"\\s*:\\s*"([^"]*)"'), ''),
                                            NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_id"\\s*:\\s*"([^"]*)"'), ''),
                                            NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_id"\\s*:\\s*"([^"]*)"'), '')
                                          ) AS `variant`
                                        FROM (
                                          SELECT
                                            `t11`.`timestamp`,
                                            `t11`.`properties`,
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
                                              `t4`.`timestamp`,
                                              `t4`.`properties`,
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
                                              `t4`.`type` = 'track' AND `t4`.`event` = 'Experiment Viewed'
                                          ) AS `t11`
                                        ) AS `t17`
                                        INNER JOIN `identity_records` AS `t6`
                                          ON `t17`.`record` = `t6`.`record`
                                      ) AS `t20`
                                      WHERE
                                        `t20`.`experiment` IS NOT NULL AND `t20`.`variant` IS NOT NULL
                                    ) AS `t22`
                                    GROUP BY
                                      1,
                                      2
                                  ) AS `t23`
                                  WHERE
                                    `t23`.`arms` = 1
                                ) AS `t25`
                                INNER JOIN (
                                  SELECT
                                    `t6`.`person_id`,
                                    `t18`.`timestamp` AS `_at`
                                  FROM (
                                    SELECT
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
                                      WHERE
                                        `t4`.`type` = 'track' AND `t4`.`event` = 'Order Completed'
                                    ) AS `t12`
                                  ) AS `t18`
                                  INNER JOIN `identity_records` AS `t6`
                                    ON `t18`.`record` = `t6`.`record`
                                ) AS `t21`
                                  ON `t25`.`person_id` = `t21`.`person_id`
                              ) AS `t27`
                              GROUP BY
                                1,
                                2
                            ) AS `t31`
                              ON `t25`.`experiment` = `t31`.`experiment` AND `t25`.`person_id` = `t31`.`person_id`
                          ) AS `t32`
                        ) AS `t34`
                        LEFT OUTER JOIN (
                          SELECT
                            `t26`.`experiment`,
                            `t26`.`person_id`,
                            SUM(IF(`t26`.`_at` >= `t26`.`exposed_at`, `t26`.`_total`, NULL)) AS `revenue`,
                            SUM(
                              IF(
                                (
                                  `t26`.`_at` < `t26`.`exposed_at`
                                )
                                AND (
                                  `t26`.`_at` >= (
                                    `t26`.`exposed_at` - INTERVAL '90' DAY
                                  )
                                ),
                                `t26`.`_total`,
                                NULL
                              )
                            ) AS `pre_revenue`
                          FROM (
                            SELECT
                              `t25`.`experiment`,
                              `t25`.`person_id`,
                              `t25`.`variant`,
                              `t25`.`exposed_at`,
                              `t14`.`_at`,
                              `t14`.`_total`
                            FROM (
                              SELECT
                                `t23`.`experiment`,
                                `t23`.`person_id`,
                                IF(`t23`.`arms` = 1, `t23`.`variant`, CAST(NULL AS STRING)) AS `variant`,
                                `t23`.`exposed_at`
                              FROM (
                                SELECT
                                  `t22`.`experiment`,
                                  `t22`.`person_id`,
                                  MIN(`t22`.`timestamp`) AS `exposed_at`,
                                  COUNT(DISTINCT `t22`.`variant`) AS `arms`,
                                  MIN(`t22`.`variant`) AS `variant`
                                FROM (
                                  SELECT
                                    *
                                  FROM (
                                    SELECT
                                      `t6`.`person_id`,
                                      `t17`.`timestamp`,
                                      COALESCE(
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_name"\\s*:\\s*"([^"]*)"'), ''),
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"experiment_id"\\s*:\\s*"([^"]*)"'), '')
                                      ) AS `experiment`,
                                      COALESCE(
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_name"\\s*:\\s*"([^"]*)"'), ''),
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_name"\\s*:\\s*"([^"]*)"'), ''),
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variation_id"\\s*:\\s*"([^"]*)"'), ''),
                                        NULLIF(REGEXP_EXTRACT(`t17`.`properties`, '"variant_id"\\s*:\\s*"([^"]*)"'), '')
                                      ) AS `variant`
                                    FROM (
                                      SELECT
                                        `t11`.`timestamp`,
                                        `t11`.`properties`,
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
                                          `t4`.`timestamp`,
                                          `t4`.`properties`,
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
                                          `t4`.`type` = 'track' AND `t4`.`event` = 'Experiment Viewed'
                                      ) AS `t11`
                                    ) AS `t17`
                                    INNER JOIN `identity_records` AS `t6`
                                      ON `t17`.`record` = `t6`.`record`
                                  ) AS `t20`
                                  WHERE
                                    `t20`.`experiment` IS NOT NULL AND `t20`.`variant` IS NOT NULL
                                ) AS `t22`
                                GROUP BY
                                  1,
                                  2
                              ) AS `t23`
                              WHERE
                                `t23`.`arms` = 1
                            ) AS `t25`
                            INNER JOIN (
                              SELECT
                                `t6`.`person_id`,
                                `t10`.`ordered_at` AS `_at`,
                                `t10`.`total` AS `_total`
                              FROM (
                                SELECT
                                  `t2`.`order_id`,
                                  `t2`.`contact_id`,
                                  `t2`.`user_id`,
                                  `t2`.`email`,
                                  `t2`.`loyalty_id`,
                                  `t2`.`ordered_at`,
                                  `t2`.`channel`,
                                  `t2`.`store_id`,
                                  `t2`.`total`,
                                  `t2`.`discount`,
                                  `t2`.`coupon_code`,
                                  `t2`.`minutes_in_store`,
                                  `t2`.`source`,
                                  CONCAT('orders:', `t2`.`order_id`) AS `record`
                                FROM `orders` AS `t2`
                              ) AS `t10`
                              INNER JOIN `identity_records` AS `t6`
                                ON `t10`.`record` = `t6`.`record`
                            ) AS `t14`
                              ON `t25`.`person_id` = `t14`.`person_id`
                          ) AS `t26`
                          GROUP BY
                            1,
                            2
                        ) AS `t29`
                          ON `t34`.`experiment` = `t29`.`experiment` AND `t34`.`person_id` = `t29`.`person_id`
                      ) AS `t35`
                    ) AS `t36`
                  ) AS `t38`
                  LEFT OUTER JOIN (
                    SELECT
                      `t0`.`person_id`,
                      `t0`.`persona_name` AS `persona`
                    FROM `persona_assignments` AS `t0`
                  ) AS `t8`
                    ON `t38`.`person_id` = `t8`.`person_id`
                ) AS `t39`
              ) AS `t40`
            ) AS `t43`
            INNER JOIN `lifecycle_history` AS `t5`
              ON `t43`.`person_id` = `t5`.`person_id`
          ) AS `t44`
          WHERE
            `t44`.`since` <= CAST(`t44`.`exposed_at` AS DATE)
        ) AS `t45`
      ) AS `t46`
      WHERE
        `t46`.`k` = 0
    ) AS `t48`
      ON `t41`.`experiment` = `t48`.`experiment` AND `t41`.`person_id` = `t48`.`person_id`
  ) AS `t49`
) AS `t50`
