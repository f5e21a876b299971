SELECT
  `t61`.`person_id`,
  `t61`.`source`,
  `t61`.`record`,
  `t61`.`field`,
  `t61`.`value`,
  CAST(`t61`.`observed_at` AS TIMESTAMP) AS `observed_at`,
  `t61`.`rank`
FROM (
  SELECT
    `t60`.`person_id`,
    `t60`.`source`,
    `t60`.`record`,
    `t60`.`field`,
    `t60`.`value`,
    `t60`.`observed_at`,
    (
      ROW_NUMBER() OVER (
        PARTITION BY `t60`.`person_id`, `t60`.`field`
        ORDER BY IF(`t60`.`field` IN ('consent_email', 'consent_sms', 'consent_ads'), 0, 0) ASC NULLS LAST, `t60`.`observed_at` DESC, IF(`t60`.`field` IN ('consent_email', 'consent_sms', 'consent_ads'), `t60`.`value`, '') ASC NULLS LAST, `t60`.`record` ASC NULLS LAST
      ) - 1
    ) + 1 AS `rank`
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
              *
            FROM (
              SELECT
                `t3`.`person_id`,
                `t31`.`source`,
                CONCAT('events:', `t31`.`message_id`) AS `record`,
                'postcode' AS `field`,
                COALESCE(
                  NULLIF(
                    REGEXP_REPLACE(
                      NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"postcode"\\s*:\\s*"([^"]*)"'), ''),
                      '^\\s+|\\s+$',
                      ''
                    ),
                    ''
                  ),
                  NULLIF(
                    REGEXP_REPLACE(
                      NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"zip"\\s*:\\s*"([^"]*)"'), ''),
                      '^\\s+|\\s+$',
                      ''
                    ),
                    ''
                  ),
                  NULLIF(
                    REGEXP_REPLACE(
                      NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"postal_code"\\s*:\\s*"([^"]*)"'), ''),
                      '^\\s+|\\s+$',
                      ''
                    ),
                    ''
                  ),
                  NULLIF(
                    REGEXP_REPLACE(
                      NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"postalCode"\\s*:\\s*"([^"]*)"'), ''),
                      '^\\s+|\\s+$',
                      ''
                    ),
                    ''
                  )
                ) AS `value`,
                `t31`.`timestamp` AS `observed_at`
              FROM (
                SELECT
                  `t6`.`message_id`,
                  `t6`.`timestamp`,
                  `t6`.`traits`,
                  `t6`.`source`,
                  `t6`.`user_id`,
                  `t6`.`anonymous_id`,
                  `t6`.`previous_id`,
                  `t6`.`email`,
                  CONCAT(
                    'events:',
                    CONCAT(
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                            '|'
                          ),
                          COALESCE(`t6`.`previous_id`, '')
                        ),
                        '|'
                      ),
                      COALESCE(`t6`.`email`, '')
                    )
                  ) AS `record`
                FROM (
                  SELECT
                    `t1`.`message_id`,
                    `t1`.`timestamp`,
                    `t1`.`traits`,
                    `t1`.`source`,
                    `t1`.`user_id`,
                    `t1`.`anonymous_id`,
                    IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                    NULLIF(
                      REGEXP_REPLACE(
                        LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ) AS `email`
                  FROM `events` AS `t1`
                  WHERE
                    `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                ) AS `t6`
              ) AS `t31`
              INNER JOIN `identity_records` AS `t3`
                ON `t31`.`record` = `t3`.`record`
            ) AS `t39`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                `t3`.`person_id`,
                `t31`.`source`,
                CONCAT('events:', `t31`.`message_id`) AS `record`,
                'city' AS `field`,
                NULLIF(
                  REGEXP_REPLACE(
                    NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"city"\\s*:\\s*"([^"]*)"'), ''),
                    '^\\s+|\\s+$',
                    ''
                  ),
                  ''
                ) AS `value`,
                `t31`.`timestamp` AS `observed_at`
              FROM (
                SELECT
                  `t6`.`message_id`,
                  `t6`.`timestamp`,
                  `t6`.`traits`,
                  `t6`.`source`,
                  `t6`.`user_id`,
                  `t6`.`anonymous_id`,
                  `t6`.`previous_id`,
                  `t6`.`email`,
                  CONCAT(
                    'events:',
                    CONCAT(
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                            '|'
                          ),
                          COALESCE(`t6`.`previous_id`, '')
                        ),
                        '|'
                      ),
                      COALESCE(`t6`.`email`, '')
                    )
                  ) AS `record`
                FROM (
                  SELECT
                    `t1`.`message_id`,
                    `t1`.`timestamp`,
                    `t1`.`traits`,
                    `t1`.`source`,
                    `t1`.`user_id`,
                    `t1`.`anonymous_id`,
                    IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                    NULLIF(
                      REGEXP_REPLACE(
                        LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ) AS `email`
                  FROM `events` AS `t1`
                  WHERE
                    `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                ) AS `t6`
              ) AS `t31`
              INNER JOIN `identity_records` AS `t3`
                ON `t31`.`record` = `t3`.`record`
            ) AS `t36`
          ) AS `t43`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t3`.`person_id`,
                `t31`.`source`,
                CONCAT('events:', `t31`.`message_id`) AS `record`,
                'loyalty_id' AS `field`,
                COALESCE(
                  NULLIF(
                    REGEXP_REPLACE(
                      NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"loyalty_id"\\s*:\\s*"([^"]*)"'), ''),
                      '^\\s+|\\s+$',
                      ''
                    ),
                    ''
                  ),
                  NULLIF(
                    REGEXP_REPLACE(
                      NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"loyaltyId"\\s*:\\s*"([^"]*)"'), ''),
                      '^\\s+|\\s+$',
                      ''
                    ),
                    ''
                  )
                ) AS `value`,
                `t31`.`timestamp` AS `observed_at`
              FROM (
                SELECT
                  `t6`.`message_id`,
                  `t6`.`timestamp`,
                  `t6`.`traits`,
                  `t6`.`source`,
                  `t6`.`user_id`,
                  `t6`.`anonymous_id`,
                  `t6`.`previous_id`,
                  `t6`.`email`,
                  CONCAT(
                    'events:',
                    CONCAT(
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                            '|'
                          ),
                          COALESCE(`t6`.`previous_id`, '')
                        ),
                        '|'
                      ),
                      COALESCE(`t6`.`email`, '')
                    )
                  ) AS `record`
                FROM (
                  SELECT
                    `t1`.`message_id`,
                    `t1`.`timestamp`,
                    `t1`.`traits`,
                    `t1`.`source`,
                    `t1`.`user_id`,
                    `t1`.`anonymous_id`,
                    IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                    NULLIF(
                      REGEXP_REPLACE(
                        LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ) AS `email`
                  FROM `events` AS `t1`
                  WHERE
                    `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                ) AS `t6`
              ) AS `t31`
              INNER JOIN `identity_records` AS `t3`
                ON `t31`.`record` = `t3`.`record`
            ) AS `t40`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                `t3`.`person_id`,
                `t31`.`source`,
                CONCAT('events:', `t31`.`message_id`) AS `record`,
                'consent_email' AS `field`,
                COALESCE(
                  NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"consent_email"\\s*:\\s*"?(true|false)"?'), ''),
                  NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"consentEmail"\\s*:\\s*"?(true|false)"?'), '')
                ) AS `value`,
                `t31`.`timestamp` AS `observed_at`
              FROM (
                SELECT
                  `t6`.`message_id`,
                  `t6`.`timestamp`,
                  `t6`.`traits`,
                  `t6`.`source`,
                  `t6`.`user_id`,
                  `t6`.`anonymous_id`,
                  `t6`.`previous_id`,
                  `t6`.`email`,
                  CONCAT(
                    'events:',
                    CONCAT(
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                            '|'
                          ),
                          COALESCE(`t6`.`previous_id`, '')
                        ),
                        '|'
                      ),
                      COALESCE(`t6`.`email`, '')
                    )
                  ) AS `record`
                FROM (
                  SELECT
                    `t1`.`message_id`,
                    `t1`.`timestamp`,
                    `t1`.`traits`,
                    `t1`.`source`,
                    `t1`.`user_id`,
                    `t1`.`anonymous_id`,
                    IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                    NULLIF(
                      REGEXP_REPLACE(
                        LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ) AS `email`
                  FROM `events` AS `t1`
                  WHERE
                    `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                ) AS `t6`
              ) AS `t31`
              INNER JOIN `identity_records` AS `t3`
                ON `t31`.`record` = `t3`.`record`
            ) AS `t32`
          ) AS `t44`
        ) AS `t47`
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
                `t3`.`person_id`,
                `t31`.`source`,
                CONCAT('events:', `t31`.`message_id`) AS `record`,
                'consent_sms' AS `field`,
                COALESCE(
                  NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"consent_sms"\\s*:\\s*"?(true|false)"?'), ''),
                  NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"consentSms"\\s*:\\s*"?(true|false)"?'), '')
                ) AS `value`,
                `t31`.`timestamp` AS `observed_at`
              FROM (
                SELECT
                  `t6`.`message_id`,
                  `t6`.`timestamp`,
                  `t6`.`traits`,
                  `t6`.`source`,
                  `t6`.`user_id`,
                  `t6`.`anonymous_id`,
                  `t6`.`previous_id`,
                  `t6`.`email`,
                  CONCAT(
                    'events:',
                    CONCAT(
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                            '|'
                          ),
                          COALESCE(`t6`.`previous_id`, '')
                        ),
                        '|'
                      ),
                      COALESCE(`t6`.`email`, '')
                    )
                  ) AS `record`
                FROM (
                  SELECT
                    `t1`.`message_id`,
                    `t1`.`timestamp`,
                    `t1`.`traits`,
                    `t1`.`source`,
                    `t1`.`user_id`,
                    `t1`.`anonymous_id`,
                    IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                    NULLIF(
                      REGEXP_REPLACE(
                        LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ) AS `email`
                  FROM `events` AS `t1`
                  WHERE
                    `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                ) AS `t6`
              ) AS `t31`
              INNER JOIN `identity_records` AS `t3`
                ON `t31`.`record` = `t3`.`record`
            ) AS `t33`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                `t3`.`person_id`,
                `t31`.`source`,
                CONCAT('events:', `t31`.`message_id`) AS `record`,
                'consent_ads' AS `field`,
                COALESCE(
                  NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"consent_ads"\\s*:\\s*"?(true|false)"?'), ''),
                  NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"consentAds"\\s*:\\s*"?(true|false)"?'), '')
                ) AS `value`,
                `t31`.`timestamp` AS `observed_at`
              FROM (
                SELECT
                  `t6`.`message_id`,
                  `t6`.`timestamp`,
                  `t6`.`traits`,
                  `t6`.`source`,
                  `t6`.`user_id`,
                  `t6`.`anonymous_id`,
                  `t6`.`previous_id`,
                  `t6`.`email`,
                  CONCAT(
                    'events:',
                    CONCAT(
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                            '|'
                          ),
                          COALESCE(`t6`.`previous_id`, '')
                        ),
                        '|'
                      ),
                      COALESCE(`t6`.`email`, '')
                    )
                  ) AS `record`
                FROM (
                  SELECT
                    `t1`.`message_id`,
                    `t1`.`timestamp`,
                    `t1`.`traits`,
                    `t1`.`source`,
                    `t1`.`user_id`,
                    `t1`.`anonymous_id`,
                    IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                    NULLIF(
                      REGEXP_REPLACE(
                        LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ) AS `email`
                  FROM `events` AS `t1`
                  WHERE
                    `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                ) AS `t6`
              ) AS `t31`
              INNER JOIN `identity_records` AS `t3`
                ON `t31`.`record` = `t3`.`record`
            ) AS `t34`
          ) AS `t35`
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
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'first_name' AS `field`,
                  `t5`.`first_name` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t7`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'last_name' AS `field`,
                  `t5`.`last_name` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t8`
            ) AS `t20`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'email' AS `field`,
                  `t5`.`email` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t9`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'phone' AS `field`,
                  `t5`.`phone` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t10`
            ) AS `t21`
          ) AS `t26`
        ) AS `t38`
      ) AS `t51`
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
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'birth_date' AS `field`,
                  CAST(`t5`.`birth_date` AS STRING) AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t11`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'gender' AS `field`,
                  `t5`.`gender` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t12`
            ) AS `t22`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'address' AS `field`,
                  `t5`.`address` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t13`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'postcode' AS `field`,
                  `t5`.`postcode` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t14`
            ) AS `t23`
          ) AS `t27`
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
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'city' AS `field`,
                  `t5`.`city` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t15`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'loyalty_id' AS `field`,
                  `t5`.`loyalty_id` AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t16`
            ) AS `t24`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'consent_email' AS `field`,
                  CAST(`t5`.`consent_email` AS STRING) AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t17`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'consent_sms' AS `field`,
                  CAST(`t5`.`consent_sms` AS STRING) AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t18`
            ) AS `t25`
          ) AS `t28`
        ) AS `t29`
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
                  `t3`.`person_id`,
                  `t5`.`source`,
                  `t5`.`record`,
                  'consent_ads' AS `field`,
                  CAST(`t5`.`consent_ads` AS STRING) AS `value`,
                  `t5`.`created_at` AS `observed_at`
                FROM (
                  SELECT
                    `t2`.`contact_id`,
                    `t2`.`email`,
                    `t2`.`phone`,
                    `t2`.`first_name`,
                    `t2`.`last_name`,
                    `t2`.`birth_date`,
                    `t2`.`gender`,
                    `t2`.`address`,
                    `t2`.`postcode`,
                    `t2`.`city`,
                    `t2`.`loyalty_id`,
                    `t2`.`created_at`,
                    `t2`.`consent_email`,
                    `t2`.`consent_sms`,
                    `t2`.`consent_ads`,
                    `t2`.`source`,
                    CONCAT(CONCAT(CONCAT('contacts:', `t2`.`source`), ':'), `t2`.`contact_id`) AS `record`
                  FROM `contacts` AS `t2`
                ) AS `t5`
                INNER JOIN `identity_records` AS `t3`
                  ON `t5`.`record` = `t3`.`record`
              ) AS `t19`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t31`.`source`,
                  CONCAT('events:', `t31`.`message_id`) AS `record`,
                  'first_name' AS `field`,
                  COALESCE(
                    NULLIF(
                      REGEXP_REPLACE(
                        NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"first_name"\\s*:\\s*"([^"]*)"'), ''),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ),
                    NULLIF(
                      REGEXP_REPLACE(
                        NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"firstName"\\s*:\\s*"([^"]*)"'), ''),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    )
                  ) AS `value`,
                  `t31`.`timestamp` AS `observed_at`
                FROM (
                  SELECT
                    `t6`.`message_id`,
                    `t6`.`timestamp`,
                    `t6`.`traits`,
                    `t6`.`source`,
                    `t6`.`user_id`,
                    `t6`.`anonymous_id`,
                    `t6`.`previous_id`,
                    `t6`.`email`,
                    CONCAT(
                      'events:',
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(
                              CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                              '|'
                            ),
                            COALESCE(`t6`.`previous_id`, '')
                          ),
                          '|'
                        ),
                        COALESCE(`t6`.`email`, '')
                      )
                    ) AS `record`
                  FROM (
                    SELECT
                      `t1`.`message_id`,
                      `t1`.`timestamp`,
                      `t1`.`traits`,
                      `t1`.`source`,
                      `t1`.`user_id`,
                      `t1`.`anonymous_id`,
                      IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                      NULLIF(
                        REGEXP_REPLACE(
                          LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ) AS `email`
                    FROM `events` AS `t1`
                    WHERE
                      `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                  ) AS `t6`
                ) AS `t31`
                INNER JOIN `identity_records` AS `t3`
                  ON `t31`.`record` = `t3`.`record`
              ) AS `t41`
            ) AS `t45`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t31`.`source`,
                  CONCAT('events:', `t31`.`message_id`) AS `record`,
                  'last_name' AS `field`,
                  COALESCE(
                    NULLIF(
                      REGEXP_REPLACE(
                        NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"last_name"\\s*:\\s*"([^"]*)"'), ''),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ),
                    NULLIF(
                      REGEXP_REPLACE(
                        NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"lastName"\\s*:\\s*"([^"]*)"'), ''),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    )
                  ) AS `value`,
                  `t31`.`timestamp` AS `observed_at`
                FROM (
                  SELECT
                    `t6`.`message_id`,
                    `t6`.`timestamp`,
                    `t6`.`traits`,
                    `t6`.`source`,
                    `t6`.`user_id`,
                    `t6`.`anonymous_id`,
                    `t6`.`previous_id`,
                    `t6`.`email`,
                    CONCAT(
                      'events:',
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(
                              CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                              '|'
                            ),
                            COALESCE(`t6`.`previous_id`, '')
                          ),
                          '|'
                        ),
                        COALESCE(`t6`.`email`, '')
                      )
                    ) AS `record`
                  FROM (
                    SELECT
                      `t1`.`message_id`,
                      `t1`.`timestamp`,
                      `t1`.`traits`,
                      `t1`.`source`,
                      `t1`.`user_id`,
                      `t1`.`anonymous_id`,
                      IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                      NULLIF(
                        REGEXP_REPLACE(
                          LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ) AS `email`
                    FROM `events` AS `t1`
                    WHERE
                      `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                  ) AS `t6`
                ) AS `t31`
                INNER JOIN `identity_records` AS `t3`
                  ON `t31`.`record` = `t3`.`record`
              ) AS `t42`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t31`.`source`,
                  CONCAT('events:', `t31`.`message_id`) AS `record`,
                  'email' AS `field`,
                  IF(
                    LOWER(
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      )
                    ) RLIKE '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
                    LOWER(
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      )
                    ),
                    CAST(NULL AS STRING)
                  ) AS `value`,
                  `t31`.`timestamp` AS `observed_at`
                FROM (
                  SELECT
                    `t6`.`message_id`,
                    `t6`.`timestamp`,
                    `t6`.`traits`,
                    `t6`.`source`,
                    `t6`.`user_id`,
                    `t6`.`anonymous_id`,
                    `t6`.`previous_id`,
                    `t6`.`email`,
                    CONCAT(
                      'events:',
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(
                              CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                              '|'
                            ),
                            COALESCE(`t6`.`previous_id`, '')
                          ),
                          '|'
                        ),
                        COALESCE(`t6`.`email`, '')
                      )
                    ) AS `record`
                  FROM (
                    SELECT
                      `t1`.`message_id`,
                      `t1`.`timestamp`,
                      `t1`.`traits`,
                      `t1`.`source`,
                      `t1`.`user_id`,
                      `t1`.`anonymous_id`,
                      IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                      NULLIF(
                        REGEXP_REPLACE(
                          LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ) AS `email`
                    FROM `events` AS `t1`
                    WHERE
                      `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                  ) AS `t6`
                ) AS `t31`
                INNER JOIN `identity_records` AS `t3`
                  ON `t31`.`record` = `t3`.`record`
              ) AS `t48`
            ) AS `t52`
          ) AS `t55`
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
                  `t3`.`person_id`,
                  `t31`.`source`,
                  CONCAT('events:', `t31`.`message_id`) AS `record`,
                  'phone' AS `field`,
                  IF(
                    NULLIF(
                      REGEXP_REPLACE(
                        NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"phone"\\s*:\\s*"([^"]*)"'), ''),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ) RLIKE '^\\+[1-9]\\d{6,14}$',
                    NULLIF(
                      REGEXP_REPLACE(
                        NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"phone"\\s*:\\s*"([^"]*)"'), ''),
                        '^\\s+|\\s+$',
                        ''
                      ),
                      ''
                    ),
                    CAST(NULL AS STRING)
                  ) AS `value`,
                  `t31`.`timestamp` AS `observed_at`
                FROM (
                  SELECT
                    `t6`.`message_id`,
                    `t6`.`timestamp`,
                    `t6`.`traits`,
                    `t6`.`source`,
                    `t6`.`user_id`,
                    `t6`.`anonymous_id`,
                    `t6`.`previous_id`,
                    `t6`.`email`,
                    CONCAT(
                      'events:',
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(
                              CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                              '|'
                            ),
                            COALESCE(`t6`.`previous_id`, '')
                          ),
                          '|'
                        ),
                        COALESCE(`t6`.`email`, '')
                      )
                    ) AS `record`
                  FROM (
                    SELECT
                      `t1`.`message_id`,
                      `t1`.`timestamp`,
                      `t1`.`traits`,
                      `t1`.`source`,
                      `t1`.`user_id`,
                      `t1`.`anonymous_id`,
                      IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                      NULLIF(
                        REGEXP_REPLACE(
                          LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ) AS `email`
                    FROM `events` AS `t1`
                    WHERE
                      `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                  ) AS `t6`
                ) AS `t31`
                INNER JOIN `identity_records` AS `t3`
                  ON `t31`.`record` = `t3`.`record`
              ) AS `t46`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t31`.`source`,
                  CONCAT('events:', `t31`.`message_id`) AS `record`,
                  'birth_date' AS `field`,
                  IF(
                    COALESCE(
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"birth_date"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ),
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"birthday"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ),
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"birthDate"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      )
                    ) RLIKE '^\\d{4}-\\d{2}-\\d{2}$',
                    COALESCE(
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"birth_date"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ),
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"birthday"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ),
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"birthDate"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      )
                    ),
                    CAST(NULL AS STRING)
                  ) AS `value`,
                  `t31`.`timestamp` AS `observed_at`
                FROM (
                  SELECT
                    `t6`.`message_id`,
                    `t6`.`timestamp`,
                    `t6`.`traits`,
                    `t6`.`source`,
                    `t6`.`user_id`,
                    `t6`.`anonymous_id`,
                    `t6`.`previous_id`,
                    `t6`.`email`,
                    CONCAT(
                      'events:',
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(
                              CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                              '|'
                            ),
                            COALESCE(`t6`.`previous_id`, '')
                          ),
                          '|'
                        ),
                        COALESCE(`t6`.`email`, '')
                      )
                    ) AS `record`
                  FROM (
                    SELECT
                      `t1`.`message_id`,
                      `t1`.`timestamp`,
                      `t1`.`traits`,
                      `t1`.`source`,
                      `t1`.`user_id`,
                      `t1`.`anonymous_id`,
                      IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                      NULLIF(
                        REGEXP_REPLACE(
                          LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ) AS `email`
                    FROM `events` AS `t1`
                    WHERE
                      `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                  ) AS `t6`
                ) AS `t31`
                INNER JOIN `identity_records` AS `t3`
                  ON `t31`.`record` = `t3`.`record`
              ) AS `t49`
            ) AS `t53`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t31`.`source`,
                  CONCAT('events:', `t31`.`message_id`) AS `record`,
                  'gender' AS `field`,
                  IF(
                    LOWER(
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"gender"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      )
                    ) RLIKE '^(female|male|other|unknown)$',
                    LOWER(
                      NULLIF(
                        REGEXP_REPLACE(
                          NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"gender"\\s*:\\s*"([^"]*)"'), ''),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      )
                    ),
                    CAST(NULL AS STRING)
                  ) AS `value`,
                  `t31`.`timestamp` AS `observed_at`
                FROM (
                  SELECT
                    `t6`.`message_id`,
                    `t6`.`timestamp`,
                    `t6`.`traits`,
                    `t6`.`source`,
                    `t6`.`user_id`,
                    `t6`.`anonymous_id`,
                    `t6`.`previous_id`,
                    `t6`.`email`,
                    CONCAT(
                      'events:',
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(
                              CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                              '|'
                            ),
                            COALESCE(`t6`.`previous_id`, '')
                          ),
                          '|'
                        ),
                        COALESCE(`t6`.`email`, '')
                      )
                    ) AS `record`
                  FROM (
                    SELECT
                      `t1`.`message_id`,
                      `t1`.`timestamp`,
                      `t1`.`traits`,
                      `t1`.`source`,
                      `t1`.`user_id`,
                      `t1`.`anonymous_id`,
                      IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                      NULLIF(
                        REGEXP_REPLACE(
                          LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ) AS `email`
                    FROM `events` AS `t1`
                    WHERE
                      `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                  ) AS `t6`
                ) AS `t31`
                INNER JOIN `identity_records` AS `t3`
                  ON `t31`.`record` = `t3`.`record`
              ) AS `t50`
              UNION ALL
              SELECT
                *
              FROM (
                SELECT
                  `t3`.`person_id`,
                  `t31`.`source`,
                  CONCAT('events:', `t31`.`message_id`) AS `record`,
                  'address' AS `field`,
                  NULLIF(
                    REGEXP_REPLACE(
                      NULLIF(REGEXP_EXTRACT(`t31`.`traits`, '"address"\\s*:\\s*"([^"]*)"'), ''),
                      '^\\s+|\\s+$',
                      ''
                    ),
                    ''
                  ) AS `value`,
                  `t31`.`timestamp` AS `observed_at`
                FROM (
                  SELECT
                    `t6`.`message_id`,
                    `t6`.`timestamp`,
                    `t6`.`traits`,
                    `t6`.`source`,
                    `t6`.`user_id`,
                    `t6`.`anonymous_id`,
                    `t6`.`previous_id`,
                    `t6`.`email`,
                    CONCAT(
                      'events:',
                      CONCAT(
                        CONCAT(
                          CONCAT(
                            CONCAT(
                              CONCAT(CONCAT(COALESCE(`t6`.`user_id`, ''), '|'), COALESCE(`t6`.`anonymous_id`, '')),
                              '|'
                            ),
                            COALESCE(`t6`.`previous_id`, '')
                          ),
                          '|'
                        ),
                        COALESCE(`t6`.`email`, '')
                      )
                    ) AS `record`
                  FROM (
                    SELECT
                      `t1`.`message_id`,
                      `t1`.`timestamp`,
                      `t1`.`traits`,
                      `t1`.`source`,
                      `t1`.`user_id`,
                      `t1`.`anonymous_id`,
                      IF(`t1`.`type` = 'alias', `t1`.`previous_id`, CAST(NULL AS STRING)) AS `previous_id`,
                      NULLIF(
                        REGEXP_REPLACE(
                          LOWER(NULLIF(REGEXP_EXTRACT(`t1`.`traits`, '"email"\\s*:\\s*"([^"]*)"'), '')),
                          '^\\s+|\\s+$',
                          ''
                        ),
                        ''
                      ) AS `email`
                    FROM `events` AS `t1`
                    WHERE
                      `t1`.`traits` IS NOT NULL AND CONTAINS(`t1`.`traits`, '"')
                  ) AS `t6`
                ) AS `t31`
                INNER JOIN `identity_records` AS `t3`
                  ON `t31`.`record` = `t3`.`record`
              ) AS `t37`
            ) AS `t54`
          ) AS `t56`
        ) AS `t57`
      ) AS `t58`
    ) AS `t59`
    WHERE
      `t59`.`value` IS NOT NULL AND `t59`.`value` <> ''
  ) AS `t60`
) AS `t61`
