WITH `t6` AS (
  SELECT
    `t5`.`_row`,
    `t5`.`_file`,
    `t5`.`_ord`,
    `t5`.`contact_id`,
    `t5`.`email`,
    `t5`.`phone`,
    `t5`.`first_name`,
    `t5`.`last_name`,
    `t5`.`birth_date`,
    `t5`.`gender`,
    `t5`.`address`,
    `t5`.`postcode`,
    `t5`.`city`,
    `t5`.`loyalty_id`,
    `t5`.`created_at`,
    `t5`.`consent_email`,
    `t5`.`consent_sms`,
    `t5`.`consent_ads`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_contact_id` IS NOT NULL
      ), FALSE)
      THEN 'contact_id'
      WHEN COALESCE((
        `t5`.`_s_email` IS NOT NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN 'email'
      WHEN COALESCE((
        `t5`.`_s_phone` IS NOT NULL
      ) AND (
        `t5`.`phone` IS NULL
      ), FALSE)
      THEN 'phone'
      WHEN COALESCE((
        `t5`.`_s_birth_date` IS NOT NULL
      ) AND (
        `t5`.`birth_date` IS NULL
      ), FALSE)
      THEN 'birth_date'
      WHEN COALESCE((
        `t5`.`_s_gender` IS NOT NULL
      ) AND (
        `t5`.`gender` IS NULL
      ), FALSE)
      THEN 'gender'
      WHEN COALESCE((
        `t5`.`_s_created_at` IS NOT NULL
      ) AND (
        `t5`.`created_at` IS NULL
      ), FALSE)
      THEN 'created_at'
      WHEN COALESCE(
        (
          `t5`.`_s_consent_email` IS NOT NULL
        ) AND (
          `t5`.`consent_email` IS NULL
        ),
        FALSE
      )
      THEN 'consent_email'
      WHEN COALESCE(
        (
          `t5`.`_s_consent_sms` IS NOT NULL
        ) AND (
          `t5`.`consent_sms` IS NULL
        ),
        FALSE
      )
      THEN 'consent_sms'
      WHEN COALESCE(
        (
          `t5`.`_s_consent_ads` IS NOT NULL
        ) AND (
          `t5`.`consent_ads` IS NULL
        ),
        FALSE
      )
      THEN 'consent_ads'
      ELSE CAST(NULL AS STRING)
    END AS `_field`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_contact_id` IS NOT NULL
      ), FALSE)
      THEN '\'contact_id\' is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_email` IS NOT NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'email\' is \'',
          SUBSTRING(`t5`.`_s_email`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_email`)), 60)
        ),
        '\'; expected an email address like name@example.com'
      )
      WHEN COALESCE((
        `t5`.`_s_phone` IS NOT NULL
      ) AND (
        `t5`.`phone` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'phone\' is \'',
          SUBSTRING(`t5`.`_s_phone`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_phone`)), 60)
        ),
        '\'; expected a phone number, international (+44 20 7946 0958) or national for the project\'s region'
      )
      WHEN COALESCE((
        `t5`.`_s_birth_date` IS NOT NULL
      ) AND (
        `t5`.`birth_date` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'birth_date\' is \'',
          SUBSTRING(
            `t5`.`_s_birth_date`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_birth_date`)),
            60
          )
        ),
        '\'; expected a date (YYYY-MM-DD)'
      )
      WHEN COALESCE((
        `t5`.`_s_gender` IS NOT NULL
      ) AND (
        `t5`.`gender` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'gender\' is \'',
          SUBSTRING(`t5`.`_s_gender`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_gender`)), 60)
        ),
        '\'; expected one of female, male, other, unknown'
      )
      WHEN COALESCE((
        `t5`.`_s_created_at` IS NOT NULL
      ) AND (
        `t5`.`created_at` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'created_at\' is \'',
          SUBSTRING(
            `t5`.`_s_created_at`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_created_at`)),
            60
          )
        ),
        '\'; expected a date-time (ISO 8601, e.g. 2025-03-01T14:05:00Z)'
      )
      WHEN COALESCE(
        (
          `t5`.`_s_consent_email` IS NOT NULL
        ) AND (
          `t5`.`consent_email` IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'consent_email\' is \'',
          SUBSTRING(
            `t5`.`_s_consent_email`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_consent_email`)),
            60
          )
        ),
        '\'; expected yes/no (true, false, y, n, 1, 0)'
      )
      WHEN COALESCE(
        (
          `t5`.`_s_consent_sms` IS NOT NULL
        ) AND (
          `t5`.`consent_sms` IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'consent_sms\' is \'',
          SUBSTRING(
            `t5`.`_s_consent_sms`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_consent_sms`)),
            60
          )
        ),
        '\'; expected yes/no (true, false, y, n, 1, 0)'
      )
      WHEN COALESCE(
        (
          `t5`.`_s_consent_ads` IS NOT NULL
        ) AND (
          `t5`.`consent_ads` IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'consent_ads\' is \'',
          SUBSTRING(
            `t5`.`_s_consent_ads`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_consent_ads`)),
            60
          )
        ),
        '\'; expected yes/no (true, false, y, n, 1, 0)'
      )
      ELSE CAST(NULL AS STRING)
    END AS `_reason`,
    'contacts' AS `source`
  FROM (
    SELECT
      `t4`.`_row`,
      `t4`.`_file`,
      `t4`.`_ord`,
      `t4`.`_s_contact_id`,
      `t4`.`_s_email`,
      `t4`.`_s_phone`,
      `t4`.`_s_first_name`,
      `t4`.`_s_last_name`,
      `t4`.`_s_birth_date`,
      `t4`.`_s_gender`,
      `t4`.`_s_address`,
      `t4`.`_s_postcode`,
      `t4`.`_s_city`,
      `t4`.`_s_loyalty_id`,
      `t4`.`_s_created_at`,
      `t4`.`_s_consent_email`,
      `t4`.`_s_consent_sms`,
      `t4`.`_s_consent_ads`,
      `t4`.`_s_contact_id` AS `contact_id`,
      IF(
        LOWER(`t4`.`_s_email`) RLIKE '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
        LOWER(`t4`.`_s_email`),
        CAST(NULL AS STRING)
      ) AS `email`,
      IF(
        LENGTH(
          CASE
            WHEN STARTSWITH(`t4`.`_s_phone`, '+')
            THEN REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')
            WHEN STARTSWITH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''), '011')
            THEN SUBSTRING(
              REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''),
              IF(
                (
                  3 + 1
                ) >= 1,
                3 + 1,
                3 + 1 + LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''))
              )
            )
            WHEN STARTSWITH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''), '1')
            AND LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')) IN (11)
            THEN REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')
            WHEN STARTSWITH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''), '1')
            AND LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')) IN (11)
            THEN CONCAT(
              '1',
              SUBSTRING(
                REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''),
                IF(
                  (
                    1 + 1
                  ) >= 1,
                  1 + 1,
                  1 + 1 + LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''))
                )
              )
            )
            WHEN LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')) IN (10)
            THEN CONCAT('1', REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''))
            ELSE CAST(NULL AS STRING)
          END
        ) BETWEEN 8 AND 15,
        CONCAT(
          '+',
          CASE
            WHEN STARTSWITH(`t4`.`_s_phone`, '+')
            THEN REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')
            WHEN STARTSWITH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''), '011')
            THEN SUBSTRING(
              REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''),
              IF(
                (
                  3 + 1
                ) >= 1,
                3 + 1,
                3 + 1 + LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''))
              )
            )
            WHEN STARTSWITH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''), '1')
            AND LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')) IN (11)
            THEN REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')
            WHEN STARTSWITH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''), '1')
            AND LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')) IN (11)
            THEN CONCAT(
              '1',
              SUBSTRING(
                REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''),
                IF(
                  (
                    1 + 1
                  ) >= 1,
                  1 + 1,
                  1 + 1 + LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''))
                )
              )
            )
            WHEN LENGTH(REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', '')) IN (10)
            THEN CONCAT('1', REGEXP_REPLACE(`t4`.`_s_phone`, '[^0-9]', ''))
            ELSE CAST(NULL AS STRING)
          END
        ),
        CAST(NULL AS STRING)
      ) AS `phone`,
      `t4`.`_s_first_name` AS `first_name`,
      `t4`.`_s_last_name` AS `last_name`,
      IF(
        `t4`.`_s_birth_date` RLIKE '^\\d{4}-\\d\\d-\\d\\d$',
        TRY_CAST(`t4`.`_s_birth_date` AS DATE),
        CAST(NULL AS DATE)
      ) AS `birth_date`,
      IF(
        LOWER(`t4`.`_s_gender`) IN ('female', 'male', 'other', 'unknown'),
        LOWER(`t4`.`_s_gender`),
        CAST(NULL AS STRING)
      ) AS `gender`,
      `t4`.`_s_address` AS `address`,
      `t4`.`_s_postcode` AS `postcode`,
      `t4`.`_s_city` AS `city`,
      `t4`.`_s_loyalty_id` AS `loyalty_id`,
      TRY_CAST(`t4`.`_s_created_at` AS TIMESTAMP) AS `created_at`,
      CASE
        WHEN LOWER(`t4`.`_s_consent_email`) IN ('true', 't', 'yes', 'y', '1')
        THEN TRUE
        WHEN LOWER(`t4`.`_s_consent_email`) IN ('false', 'f', 'no', 'n', '0')
        THEN FALSE
        ELSE CAST(NULL AS BOOLEAN)
      END AS `consent_email`,
      CASE
        WHEN LOWER(`t4`.`_s_consent_sms`) IN ('true', 't', 'yes', 'y', '1')
        THEN TRUE
        WHEN LOWER(`t4`.`_s_consent_sms`) IN ('false', 'f', 'no', 'n', '0')
        THEN FALSE
        ELSE CAST(NULL AS BOOLEAN)
      END AS `consent_sms`,
      CASE
        WHEN LOWER(`t4`.`_s_consent_ads`) IN ('true', 't', 'yes', 'y', '1')
        THEN TRUE
        WHEN LOWER(`t4`.`_s_consent_ads`) IN ('false', 'f', 'no', 'n', '0')
        THEN FALSE
        ELSE CAST(NULL AS BOOLEAN)
      END AS `consent_ads`
    FROM (
      SELECT
        `t1`.`_row`,
        `t1`.`_file`,
        (
          `t1`.`_file` * 4294967296
        ) + `t1`.`_row` AS `_ord`,
        NULLIF(REGEXP_REPLACE(`t1`.`contact_id`, '^\\s+|\\s+$', ''), '') AS `_s_contact_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`email`, '^\\s+|\\s+$', ''), '') AS `_s_email`,
        NULLIF(REGEXP_REPLACE(`t1`.`phone`, '^\\s+|\\s+$', ''), '') AS `_s_phone`,
        NULLIF(REGEXP_REPLACE(`t1`.`first_name`, '^\\s+|\\s+$', ''), '') AS `_s_first_name`,
        NULLIF(REGEXP_REPLACE(`t1`.`last_name`, '^\\s+|\\s+$', ''), '') AS `_s_last_name`,
        NULLIF(REGEXP_REPLACE(`t1`.`birth_date`, '^\\s+|\\s+$', ''), '') AS `_s_birth_date`,
        NULLIF(REGEXP_REPLACE(`t1`.`gender`, '^\\s+|\\s+$', ''), '') AS `_s_gender`,
        NULLIF(REGEXP_REPLACE(`t1`.`address`, '^\\s+|\\s+$', ''), '') AS `_s_address`,
        NULLIF(REGEXP_REPLACE(`t1`.`postcode`, '^\\s+|\\s+$', ''), '') AS `_s_postcode`,
        NULLIF(REGEXP_REPLACE(`t1`.`city`, '^\\s+|\\s+$', ''), '') AS `_s_city`,
        NULLIF(REGEXP_REPLACE(`t1`.`loyalty_id`, '^\\s+|\\s+$', ''), '') AS `_s_loyalty_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`created_at`, '^\\s+|\\s+$', ''), '') AS `_s_created_at`,
        NULLIF(REGEXP_REPLACE(`t1`.`consent_email`, '^\\s+|\\s+$', ''), '') AS `_s_consent_email`,
        NULLIF(REGEXP_REPLACE(`t1`.`consent_sms`, '^\\s+|\\s+$', ''), '') AS `_s_consent_sms`,
        NULLIF(REGEXP_REPLACE(`t1`.`consent_ads`, '^\\s+|\\s+$', ''), '') AS `_s_consent_ads`
      FROM `ibis_table` AS `t1`
    ) AS `t4`
  ) AS `t5`
), `t13` AS (
  SELECT
    `t8`.`_row`,
    `t8`.`_file`,
    `t8`.`_ord`,
    `t8`.`contact_id`,
    `t8`.`email`,
    `t8`.`phone`,
    `t8`.`first_name`,
    `t8`.`last_name`,
    `t8`.`birth_date`,
    `t8`.`gender`,
    `t8`.`address`,
    `t8`.`postcode`,
    `t8`.`city`,
    `t8`.`loyalty_id`,
    `t8`.`created_at`,
    `t8`.`consent_email`,
    `t8`.`consent_sms`,
    `t8`.`consent_ads`,
    `t8`.`_field`,
    `t8`.`_reason`,
    `t8`.`source`,
    `t12`.`_k_source`,
    `t12`.`_k_contact_id`,
    `t12`.`_n`,
    `t12`.`_first`
  FROM `t6` AS `t8`
  LEFT OUTER JOIN (
    SELECT
      `t10`.`source` AS `_k_source`,
      `t10`.`contact_id` AS `_k_contact_id`,
      `t10`.`_n`,
      `t10`.`_first`
    FROM (
      SELECT
        `t9`.`source`,
        `t9`.`contact_id`,
        COUNT(*) AS `_n`,
        MIN(`t9`.`_ord`) AS `_first`
      FROM (
        SELECT
          *
        FROM `t6` AS `t7`
        WHERE
          `t7`.`_reason` IS NULL
      ) AS `t9`
      GROUP BY
        1,
        2
    ) AS `t10`
    WHERE
      `t10`.`_n` > 1
  ) AS `t12`
    ON `t8`.`source` = `t12`.`_k_source` AND `t8`.`contact_id` = `t12`.`_k_contact_id`
)
SELECT
  `t34`.`contact_id`,
  `t34`.`email`,
  `t34`.`phone`,
  `t34`.`first_name`,
  `t34`.`last_name`,
  `t34`.`birth_date`,
  `t34`.`gender`,
  `t34`.`address`,
  `t34`.`postcode`,
  `t34`.`city`,
  `t34`.`loyalty_id`,
  `t34`.`created_at`,
  `t34`.`consent_email`,
  `t34`.`consent_sms`,
  `t34`.`consent_ads`,
  `t34`.`source`,
  `t34`.`_row`,
  `t34`.`_file`,
  `t34`.`_ord`,
  IF(`t34`.`_clash`, 'contact_id', `t34`.`_field`) AS `_field`,
  IF(
    `t34`.`_clash`,
    CONCAT(
      'the key (source, contact_id) ',
      'is already loaded with different values; corrections to loaded rows are not applied'
    ),
    `t34`.`_reason`
  ) AS `_reason`,
  IF(`t34`.`_clash`, 'conflict', `t34`.`_status`) AS `_status`
FROM (
  SELECT
    `t33`.`_row`,
    `t33`.`_file`,
    `t33`.`_ord`,
    `t33`.`contact_id`,
    `t33`.`email`,
    `t33`.`phone`,
    `t33`.`first_name`,
    `t33`.`last_name`,
    `t33`.`birth_date`,
    `t33`.`gender`,
    `t33`.`address`,
    `t33`.`postcode`,
    `t33`.`city`,
    `t33`.`loyalty_id`,
    `t33`.`created_at`,
    `t33`.`consent_email`,
    `t33`.`consent_sms`,
    `t33`.`consent_ads`,
    `t33`.`_field`,
    `t33`.`_reason`,
    `t33`.`source`,
    `t33`.`_first`,
    IF(
      (
        `t33`.`_status` = 'new'
      )
      AND (
        `t33`.`_found` IS NOT NULL
      )
      AND (
        `t33`.`contact_id` IS NOT DISTINCT FROM `t33`.`_old_contact_id`
        AND `t33`.`email` IS NOT DISTINCT FROM `t33`.`_old_email`
        AND `t33`.`phone` IS NOT DISTINCT FROM `t33`.`_old_phone`
        AND `t33`.`first_name` IS NOT DISTINCT FROM `t33`.`_old_first_name`
        AND `t33`.`last_name` IS NOT DISTINCT FROM `t33`.`_old_last_name`
        AND `t33`.`birth_date` IS NOT DISTINCT FROM `t33`.`_old_birth_date`
        AND `t33`.`gender` IS NOT DISTINCT FROM `t33`.`_old_gender`
        AND `t33`.`address` IS NOT DISTINCT FROM `t33`.`_old_address`
        AND `t33`.`postcode` IS NOT DISTINCT FROM `t33`.`_old_postcode`
        AND `t33`.`city` IS NOT DISTINCT FROM `t33`.`_old_city`
        AND `t33`.`loyalty_id` IS NOT DISTINCT FROM `t33`.`_old_loyalty_id`
        AND `t33`.`created_at` IS NOT DISTINCT FROM `t33`.`_old_created_at`
        AND `t33`.`consent_email` IS NOT DISTINCT FROM `t33`.`_old_consent_email`
        AND `t33`.`consent_sms` IS NOT DISTINCT FROM `t33`.`_old_consent_sms`
        AND `t33`.`consent_ads` IS NOT DISTINCT FROM `t33`.`_old_consent_ads`
        AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
      ),
      'duplicate',
      `t33`.`_status`
    ) AS `_status`,
    `t33`.`_old_contact_id`,
    `t33`.`_old_email`,
    `t33`.`_old_phone`,
    `t33`.`_old_first_name`,
    `t33`.`_old_last_name`,
    `t33`.`_old_birth_date`,
    `t33`.`_old_gender`,
    `t33`.`_old_address`,
    `t33`.`_old_postcode`,
    `t33`.`_old_city`,
    `t33`.`_old_loyalty_id`,
    `t33`.`_old_created_at`,
    `t33`.`_old_consent_email`,
    `t33`.`_old_consent_sms`,
    `t33`.`_old_consent_ads`,
    `t33`.`_old_source`,
    `t33`.`_found`,
    (
      `t33`.`_status` = 'new'
    )
    AND (
      `t33`.`_found` IS NOT NULL
    )
    AND NOT (
      `t33`.`contact_id` IS NOT DISTINCT FROM `t33`.`_old_contact_id`
      AND `t33`.`email` IS NOT DISTINCT FROM `t33`.`_old_email`
      AND `t33`.`phone` IS NOT DISTINCT FROM `t33`.`_old_phone`
      AND `t33`.`first_name` IS NOT DISTINCT FROM `t33`.`_old_first_name`
      AND `t33`.`last_name` IS NOT DISTINCT FROM `t33`.`_old_last_name`
      AND `t33`.`birth_date` IS NOT DISTINCT FROM `t33`.`_old_birth_date`
      AND `t33`.`gender` IS NOT DISTINCT FROM `t33`.`_old_gender`
      AND `t33`.`address` IS NOT DISTINCT FROM `t33`.`_old_address`
      AND `t33`.`postcode` IS NOT DISTINCT FROM `t33`.`_old_postcode`
      AND `t33`.`city` IS NOT DISTINCT FROM `t33`.`_old_city`
      AND `t33`.`loyalty_id` IS NOT DISTINCT FROM `t33`.`_old_loyalty_id`
      AND `t33`.`created_at` IS NOT DISTINCT FROM `t33`.`_old_created_at`
      AND `t33`.`consent_email` IS NOT DISTINCT FROM `t33`.`_old_consent_email`
      AND `t33`.`consent_sms` IS NOT DISTINCT FROM `t33`.`_old_consent_sms`
      AND `t33`.`consent_ads` IS NOT DISTINCT FROM `t33`.`_old_consent_ads`
      AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
    ) AS `_clash`
  FROM (
    SELECT
      `t32`.`_row`,
      `t32`.`_file`,
      `t32`.`_ord`,
      `t32`.`contact_id`,
      `t32`.`email`,
      `t32`.`phone`,
      `t32`.`first_name`,
      `t32`.`last_name`,
      `t32`.`birth_date`,
      `t32`.`gender`,
      `t32`.`address`,
      `t32`.`postcode`,
      `t32`.`city`,
      `t32`.`loyalty_id`,
      `t32`.`created_at`,
      `t32`.`consent_email`,
      `t32`.`consent_sms`,
      `t32`.`consent_ads`,
      `t32`.`_field`,
      `t32`.`_reason`,
      `t32`.`source`,
      `t32`.`_first`,
      `t32`.`_status`,
      `t30`.`_old_contact_id`,
      `t30`.`_old_email`,
      `t30`.`_old_phone`,
      `t30`.`_old_first_name`,
      `t30`.`_old_last_name`,
      `t30`.`_old_birth_date`,
      `t30`.`_old_gender`,
      `t30`.`_old_address`,
      `t30`.`_old_postcode`,
      `t30`.`_old_city`,
      `t30`.`_old_loyalty_id`,
      `t30`.`_old_created_at`,
      `t30`.`_old_consent_email`,
      `t30`.`_old_consent_sms`,
      `t30`.`_old_consent_ads`,
      `t30`.`_old_source`,
      `t30`.`_found`
    FROM (
      SELECT
        `t25`.`_row`,
        `t25`.`_file`,
        `t25`.`_ord`,
        `t25`.`contact_id`,
        `t25`.`email`,
        `t25`.`phone`,
        `t25`.`first_name`,
        `t25`.`last_name`,
        `t25`.`birth_date`,
        `t25`.`gender`,
        `t25`.`address`,
        `t25`.`postcode`,
        `t25`.`city`,
        `t25`.`loyalty_id`,
        `t25`.`created_at`,
        `t25`.`consent_email`,
        `t25`.`consent_sms`,
        `t25`.`consent_ads`,
        IF(`t25`.`_status` = 'conflict', 'contact_id', `t25`.`_field`) AS `_field`,
        IF(
          `t25`.`_status` = 'conflict',
          CONCAT(
            'the key (source, contact_id) ',
            CONCAT(
              CONCAT(
                CONCAT(CONCAT('repeats row ', CAST(`t25`.`_first` % 4294967296 AS STRING)), ' of '),
                CASE
                  WHEN CAST(FLOOR((
                    `t25`.`_first`
                  ) / (
                    4294967296
                  )) AS BIGINT) = 0
                  THEN 'data/contacts.csv'
                  ELSE '?'
                END
              ),
              ' with different values'
            )
          ),
          `t25`.`_reason`
        ) AS `_reason`,
        `t25`.`source`,
        `t25`.`_first`,
        IF(`t25`.`_status` = 'conflict', 'conflict', `t25`.`_status`) AS `_status`
      FROM (
        SELECT
          `t24`.`_row`,
          `t24`.`_file`,
          `t24`.`_ord`,
          `t24`.`contact_id`,
          `t24`.`email`,
          `t24`.`phone`,
          `t24`.`first_name`,
          `t24`.`last_name`,
          `t24`.`birth_date`,
          `t24`.`gender`,
          `t24`.`address`,
          `t24`.`postcode`,
          `t24`.`city`,
          `t24`.`loyalty_id`,
          `t24`.`created_at`,
          `t24`.`consent_email`,
          `t24`.`consent_sms`,
          `t24`.`consent_ads`,
          `t24`.`_field`,
          `t24`.`_reason`,
          `t24`.`source`,
          `t24`.`_first`,
          `t24`.`_status`
        FROM (
          SELECT
            `t23`.`_row`,
            `t23`.`_file`,
            `t23`.`_ord`,
            `t23`.`contact_id`,
            `t23`.`email`,
            `t23`.`phone`,
            `t23`.`first_name`,
            `t23`.`last_name`,
            `t23`.`birth_date`,
            `t23`.`gender`,
            `t23`.`address`,
            `t23`.`postcode`,
            `t23`.`city`,
            `t23`.`loyalty_id`,
            `t23`.`created_at`,
            `t23`.`consent_email`,
            `t23`.`consent_sms`,
            `t23`.`consent_ads`,
            `t23`.`_field`,
            `t23`.`_reason`,
            `t23`.`source`,
            `t23`.`_k_source`,
            `t23`.`_k_contact_id`,
            `t23`.`_n`,
            `t23`.`_first`,
            `t23`.`_ok`,
            `t23`.`_vord`,
            `t23`.`_same`,
            CASE
              WHEN NOT (
                `t23`.`_ok`
              )
              THEN 'bad'
              WHEN `t23`.`_ord` = `t23`.`_first`
              THEN 'new'
              WHEN `t23`.`_same`
              THEN 'duplicate'
              ELSE 'conflict'
            END AS `_status`
          FROM (
            SELECT
              `t16`.`_row`,
              `t16`.`_file`,
              `t16`.`_ord`,
              `t16`.`contact_id`,
              `t16`.`email`,
              `t16`.`phone`,
              `t16`.`first_name`,
              `t16`.`last_name`,
              `t16`.`birth_date`,
              `t16`.`gender`,
              `t16`.`address`,
              `t16`.`postcode`,
              `t16`.`city`,
              `t16`.`loyalty_id`,
              `t16`.`created_at`,
              `t16`.`consent_email`,
              `t16`.`consent_sms`,
              `t16`.`consent_ads`,
              `t16`.`_field`,
              `t16`.`_reason`,
              `t16`.`source`,
              `t16`.`_k_source`,
              `t16`.`_k_contact_id`,
              `t16`.`_n`,
              `t16`.`_first`,
              `t16`.`_ok`,
              `t22`.`_vord`,
              `t22`.`_same`
            FROM (
              SELECT
                `t14`.`_row`,
                `t14`.`_file`,
                `t14`.`_ord`,
                `t14`.`contact_id`,
                `t14`.`email`,
                `t14`.`phone`,
                `t14`.`first_name`,
                `t14`.`last_name`,
                `t14`.`birth_date`,
                `t14`.`gender`,
                `t14`.`address`,
                `t14`.`postcode`,
                `t14`.`city`,
                `t14`.`loyalty_id`,
                `t14`.`created_at`,
                `t14`.`consent_email`,
                `t14`.`consent_sms`,
                `t14`.`consent_ads`,
                `t14`.`_field`,
                `t14`.`_reason`,
                `t14`.`source`,
                `t14`.`_k_source`,
                `t14`.`_k_contact_id`,
                COALESCE(`t14`.`_n`, 1) AS `_n`,
                IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                `t14`.`_reason` IS NULL AS `_ok`
              FROM `t13` AS `t14`
            ) AS `t16`
            LEFT OUTER JOIN (
              SELECT
                `t19`.`_ord` AS `_vord`,
                `t19`.`contact_id` IS NOT DISTINCT FROM `t20`.`_f_contact_id`
                AND `t19`.`email` IS NOT DISTINCT FROM `t20`.`_f_email`
                AND `t19`.`phone` IS NOT DISTINCT FROM `t20`.`_f_phone`
                AND `t19`.`first_name` IS NOT DISTINCT FROM `t20`.`_f_first_name`
                AND `t19`.`last_name` IS NOT DISTINCT FROM `t20`.`_f_last_name`
                AND `t19`.`birth_date` IS NOT DISTINCT FROM `t20`.`_f_birth_date`
                AND `t19`.`gender` IS NOT DISTINCT FROM `t20`.`_f_gender`
                AND `t19`.`address` IS NOT DISTINCT FROM `t20`.`_f_address`
                AND `t19`.`postcode` IS NOT DISTINCT FROM `t20`.`_f_postcode`
                AND `t19`.`city` IS NOT DISTINCT FROM `t20`.`_f_city`
                AND `t19`.`loyalty_id` IS NOT DISTINCT FROM `t20`.`_f_loyalty_id`
                AND `t19`.`created_at` IS NOT DISTINCT FROM `t20`.`_f_created_at`
                AND `t19`.`consent_email` IS NOT DISTINCT FROM `t20`.`_f_consent_email`
                AND `t19`.`consent_sms` IS NOT DISTINCT FROM `t20`.`_f_consent_sms`
                AND `t19`.`consent_ads` IS NOT DISTINCT FROM `t20`.`_f_consent_ads`
                AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
              FROM (
                SELECT
                  `t14`.`_row`,
                  `t14`.`_file`,
                  `t14`.`_ord`,
                  `t14`.`contact_id`,
                  `t14`.`email`,
                  `t14`.`phone`,
                  `t14`.`first_name`,
                  `t14`.`last_name`,
                  `t14`.`birth_date`,
                  `t14`.`gender`,
                  `t14`.`address`,
                  `t14`.`postcode`,
                  `t14`.`city`,
                  `t14`.`loyalty_id`,
                  `t14`.`created_at`,
                  `t14`.`consent_email`,
                  `t14`.`consent_sms`,
                  `t14`.`consent_ads`,
                  `t14`.`_field`,
                  `t14`.`_reason`,
                  `t14`.`source`,
                  `t14`.`_k_source`,
                  `t14`.`_k_contact_id`,
                  COALESCE(`t14`.`_n`, 1) AS `_n`,
                  IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                  `t14`.`_reason` IS NULL AS `_ok`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t19`
              INNER JOIN (
                SELECT
                  `t14`.`_ord` AS `_ford`,
                  `t14`.`contact_id` AS `_f_contact_id`,
                  `t14`.`email` AS `_f_email`,
                  `t14`.`phone` AS `_f_phone`,
                  `t14`.`first_name` AS `_f_first_name`,
                  `t14`.`last_name` AS `_f_last_name`,
                  `t14`.`birth_date` AS `_f_birth_date`,
                  `t14`.`gender` AS `_f_gender`,
                  `t14`.`address` AS `_f_address`,
                  `t14`.`postcode` AS `_f_postcode`,
                  `t14`.`city` AS `_f_city`,
                  `t14`.`loyalty_id` AS `_f_loyalty_id`,
                  `t14`.`created_at` AS `_f_created_at`,
                  `t14`.`consent_email` AS `_f_consent_email`,
                  `t14`.`consent_sms` AS `_f_consent_sms`,
                  `t14`.`consent_ads` AS `_f_consent_ads`,
                  `t14`.`source` AS `_f_source`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t20`
                ON `t19`.`_first` = `t20`.`_ford`
            ) AS `t22`
              ON `t16`.`_ord` = `t22`.`_vord`
          ) AS `t23`
        ) AS `t24`
      ) AS `t25`
    ) AS `t32`
    LEFT OUTER JOIN (
      SELECT
        `t28`.`contact_id` AS `_old_contact_id`,
        `t28`.`email` AS `_old_email`,
        `t28`.`phone` AS `_old_phone`,
        `t28`.`first_name` AS `_old_first_name`,
        `t28`.`last_name` AS `_old_last_name`,
        `t28`.`birth_date` AS `_old_birth_date`,
        `t28`.`gender` AS `_old_gender`,
        `t28`.`address` AS `_old_address`,
        `t28`.`postcode` AS `_old_postcode`,
        `t28`.`city` AS `_old_city`,
        `t28`.`loyalty_id` AS `_old_loyalty_id`,
        `t28`.`created_at` AS `_old_created_at`,
        `t28`.`consent_email` AS `_old_consent_email`,
        `t28`.`consent_sms` AS `_old_consent_sms`,
        `t28`.`consent_ads` AS `_old_consent_ads`,
        `t28`.`source` AS `_old_source`,
        TRUE AS `_found`
      FROM (
        SELECT
          `t3`.`contact_id`,
          `t3`.`email`,
          `t3`.`phone`,
          `t3`.`first_name`,
          `t3`.`last_name`,
          `t3`.`birth_date`,
          `t3`.`gender`,
          `t3`.`address`,
          `t3`.`postcode`,
          `t3`.`city`,
          `t3`.`loyalty_id`,
          `t3`.`created_at`,
          `t3`.`consent_email`,
          `t3`.`consent_sms`,
          `t3`.`consent_ads`,
          `t3`.`source`
        FROM (
          SELECT
            *
          FROM `contacts` AS `t0`
        ) AS `t3`
        LEFT SEMI JOIN (
          SELECT
            `t25`.`source`,
            `t25`.`contact_id`
          FROM (
            SELECT
              `t24`.`_row`,
              `t24`.`_file`,
              `t24`.`_ord`,
              `t24`.`contact_id`,
              `t24`.`email`,
              `t24`.`phone`,
              `t24`.`first_name`,
              `t24`.`last_name`,
              `t24`.`birth_date`,
              `t24`.`gender`,
              `t24`.`address`,
              `t24`.`postcode`,
              `t24`.`city`,
              `t24`.`loyalty_id`,
              `t24`.`created_at`,
              `t24`.`consent_email`,
              `t24`.`consent_sms`,
              `t24`.`consent_ads`,
              `t24`.`_field`,
              `t24`.`_reason`,
              `t24`.`source`,
              `t24`.`_first`,
              `t24`.`_status`
            FROM (
              SELECT
                `t23`.`_row`,
                `t23`.`_file`,
                `t23`.`_ord`,
                `t23`.`contact_id`,
                `t23`.`email`,
                `t23`.`phone`,
                `t23`.`first_name`,
                `t23`.`last_name`,
                `t23`.`birth_date`,
                `t23`.`gender`,
                `t23`.`address`,
                `t23`.`postcode`,
                `t23`.`city`,
                `t23`.`loyalty_id`,
                `t23`.`created_at`,
                `t23`.`consent_email`,
                `t23`.`consent_sms`,
                `t23`.`consent_ads`,
                `t23`.`_field`,
                `t23`.`_reason`,
                `t23`.`source`,
                `t23`.`_k_source`,
                `t23`.`_k_contact_id`,
                `t23`.`_n`,
                `t23`.`_first`,
                `t23`.`_ok`,
                `t23`.`_vord`,
                `t23`.`_same`,
                CASE
                  WHEN NOT (
                    `t23`.`_ok`
                  )
                  THEN 'bad'
                  WHEN `t23`.`_ord` = `t23`.`_first`
                  THEN 'new'
                  WHEN `t23`.`_same`
                  THEN 'duplicate'
                  ELSE 'conflict'
                END AS `_status`
              FROM (
                SELECT
                  `t16`.`_row`,
                  `t16`.`_file`,
                  `t16`.`_ord`,
                  `t16`.`contact_id`,
                  `t16`.`email`,
                  `t16`.`phone`,
                  `t16`.`first_name`,
                  `t16`.`last_name`,
                  `t16`.`birth_date`,
                  `t16`.`gender`,
                  `t16`.`address`,
                  `t16`.`postcode`,
                  `t16`.`city`,
                  `t16`.`loyalty_id`,
                  `t16`.`created_at`,
                  `t16`.`consent_email`,
                  `t16`.`consent_sms`,
                  `t16`.`consent_ads`,
                  `t16`.`_field`,
                  `t16`.`_reason`,
                  `t16`.`source`,
                  `t16`.`_k_source`,
                  `t16`.`_k_contact_id`,
                  `t16`.`_n`,
                  `t16`.`_first`,
                  `t16`.`_ok`,
                  `t22`.`_vord`,
                  `t22`.`_same`
                FROM (
                  SELECT
                    `t14`.`_row`,
                    `t14`.`_file`,
                    `t14`.`_ord`,
                    `t14`.`contact_id`,
                    `t14`.`email`,
                    `t14`.`phone`,
                    `t14`.`first_name`,
                    `t14`.`last_name`,
                    `t14`.`birth_date`,
                    `t14`.`gender`,
                    `t14`.`address`,
                    `t14`.`postcode`,
                    `t14`.`city`,
                    `t14`.`loyalty_id`,
                    `t14`.`created_at`,
                    `t14`.`consent_email`,
                    `t14`.`consent_sms`,
                    `t14`.`consent_ads`,
                    `t14`.`_field`,
                    `t14`.`_reason`,
                    `t14`.`source`,
                    `t14`.`_k_source`,
                    `t14`.`_k_contact_id`,
                    COALESCE(`t14`.`_n`, 1) AS `_n`,
                    IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                    `t14`.`_reason` IS NULL AS `_ok`
                  FROM `t13` AS `t14`
                ) AS `t16`
                LEFT OUTER JOIN (
                  SELECT
                    `t19`.`_ord` AS `_vord`,
                    `t19`.`contact_id` IS NOT DISTINCT FROM `t20`.`_f_contact_id`
                    AND `t19`.`email` IS NOT DISTINCT FROM `t20`.`_f_email`
                    AND `t19`.`phone` IS NOT DISTINCT FROM `t20`.`_f_phone`
                    AND `t19`.`first_name` IS NOT DISTINCT FROM `t20`.`_f_first_name`
                    AND `t19`.`last_name` IS NOT DISTINCT FROM `t20`.`_f_last_name`
                    AND `t19`.`birth_date` IS NOT DISTINCT FROM `t20`.`_f_birth_date`
                    AND `t19`.`gender` IS NOT DISTINCT FROM `t20`.`_f_gender`
                    AND `t19`.`address` IS NOT DISTINCT FROM `t20`.`_f_address`
                    AND `t19`.`postcode` IS NOT DISTINCT FROM `t20`.`_f_postcode`
                    AND `t19`.`city` IS NOT DISTINCT FROM `t20`.`_f_city`
                    AND `t19`.`loyalty_id` IS NOT DISTINCT FROM `t20`.`_f_loyalty_id`
                    AND `t19`.`created_at` IS NOT DISTINCT FROM `t20`.`_f_created_at`
                    AND `t19`.`consent_email` IS NOT DISTINCT FROM `t20`.`_f_consent_email`
                    AND `t19`.`consent_sms` IS NOT DISTINCT FROM `t20`.`_f_consent_sms`
                    AND `t19`.`consent_ads` IS NOT DISTINCT FROM `t20`.`_f_consent_ads`
                    AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
                  FROM (
                    SELECT
                      `t14`.`_row`,
                      `t14`.`_file`,
                      `t14`.`_ord`,
                      `t14`.`contact_id`,
                      `t14`.`email`,
                      `t14`.`phone`,
                      `t14`.`first_name`,
                      `t14`.`last_name`,
                      `t14`.`birth_date`,
                      `t14`.`gender`,
                      `t14`.`address`,
                      `t14`.`postcode`,
                      `t14`.`city`,
                      `t14`.`loyalty_id`,
                      `t14`.`created_at`,
                      `t14`.`consent_email`,
                      `t14`.`consent_sms`,
                      `t14`.`consent_ads`,
                      `t14`.`_field`,
                      `t14`.`_reason`,
                      `t14`.`source`,
                      `t14`.`_k_source`,
                      `t14`.`_k_contact_id`,
                      COALESCE(`t14`.`_n`, 1) AS `_n`,
                      IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                      `t14`.`_reason` IS NULL AS `_ok`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t19`
                  INNER JOIN (
                    SELECT
                      `t14`.`_ord` AS `_ford`,
                      `t14`.`contact_id` AS `_f_contact_id`,
                      `t14`.`email` AS `_f_email`,
                      `t14`.`phone` AS `_f_phone`,
                      `t14`.`first_name` AS `_f_first_name`,
                      `t14`.`last_name` AS `_f_last_name`,
                      `t14`.`birth_date` AS `_f_birth_date`,
                      `t14`.`gender` AS `_f_gender`,
                      `t14`.`address` AS `_f_address`,
                      `t14`.`postcode` AS `_f_postcode`,
                      `t14`.`city` AS `_f_city`,
                      `t14`.`loyalty_id` AS `_f_loyalty_id`,
                      `t14`.`created_at` AS `_f_created_at`,
                      `t14`.`consent_email` AS `_f_consent_email`,
                      `t14`.`consent_sms` AS `_f_consent_sms`,
                      `t14`.`consent_ads` AS `_f_consent_ads`,
                      `t14`.`source` AS `_f_source`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t20`
                    ON `t19`.`_first` = `t20`.`_ford`
                ) AS `t22`
                  ON `t16`.`_ord` = `t22`.`_vord`
              ) AS `t23`
            ) AS `t24`
          ) AS `t25`
        ) AS `t27`
          ON `t3`.`source` = `t27`.`source` AND `t3`.`contact_id` = `t27`.`contact_id`
      ) AS `t28`
    ) AS `t30`
      ON `t32`.`source` = `t30`.`_old_source`
      AND `t32`.`contact_id` = `t30`.`_old_contact_id`
  ) AS `t33`
) AS `t34`
;

WITH `t6` AS (
  SELECT
    `t5`.`_row`,
    `t5`.`_file`,
    `t5`.`_ord`,
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
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_order_id` IS NOT NULL
      ), FALSE)
      THEN 'order_id'
      WHEN COALESCE((
        `t5`.`_s_email` IS NOT NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN 'email'
      WHEN COALESCE(NOT (
        `t5`.`_s_ordered_at` IS NOT NULL
      ), FALSE)
      THEN 'ordered_at'
      WHEN COALESCE((
        `t5`.`_s_ordered_at` IS NOT NULL
      ) AND (
        `t5`.`ordered_at` IS NULL
      ), FALSE)
      THEN 'ordered_at'
      WHEN COALESCE(NOT (
        `t5`.`_s_total` IS NOT NULL
      ), FALSE)
      THEN 'total'
      WHEN COALESCE(
        (
          `t5`.`_s_total` IS NOT NULL
        )
        AND (
          `t5`.`total` IS NULL OR ISNAN(`t5`.`total`)
        ),
        FALSE
      )
      THEN 'total'
      WHEN COALESCE(`t5`.`total` < 0, FALSE)
      THEN 'total'
      WHEN COALESCE(
        (
          `t5`.`_s_discount` IS NOT NULL
        )
        AND (
          `t5`.`discount` IS NULL OR ISNAN(`t5`.`discount`)
        ),
        FALSE
      )
      THEN 'discount'
      WHEN COALESCE(`t5`.`discount` < 0, FALSE)
      THEN 'discount'
      WHEN COALESCE(
        (
          `t5`.`_s_minutes_in_store` IS NOT NULL
        )
        AND (
          `t5`.`minutes_in_store` IS NULL OR ISNAN(`t5`.`minutes_in_store`)
        ),
        FALSE
      )
      THEN 'minutes_in_store'
      WHEN COALESCE(`t5`.`minutes_in_store` < 0, FALSE)
      THEN 'minutes_in_store'
      WHEN COALESCE(`t5`.`minutes_in_store` > 1440, FALSE)
      THEN 'minutes_in_store'
      WHEN COALESCE(
        TRUE
        AND (
          `t5`.`contact_id` IS NULL
        )
        AND (
          `t5`.`user_id` IS NULL
        )
        AND (
          `t5`.`email` IS NULL
        )
        AND (
          `t5`.`loyalty_id` IS NULL
        ),
        FALSE
      )
      THEN 'contact_id or user_id or email or loyalty_id'
      ELSE CAST(NULL AS STRING)
    END AS `_field`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_order_id` IS NOT NULL
      ), FALSE)
      THEN '\'order_id\' is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_email` IS NOT NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'email\' is \'',
          SUBSTRING(`t5`.`_s_email`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_email`)), 60)
        ),
        '\'; expected an email address like name@example.com'
      )
      WHEN COALESCE(NOT (
        `t5`.`_s_ordered_at` IS NOT NULL
      ), FALSE)
      THEN '\'order_date\' (ordered_at) is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_ordered_at` IS NOT NULL
      ) AND (
        `t5`.`ordered_at` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'order_date\' (ordered_at) is \'',
          SUBSTRING(
            `t5`.`_s_ordered_at`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_ordered_at`)),
            60
          )
        ),
        '\'; expected a date-time (ISO 8601, e.g. 2025-03-01T14:05:00Z)'
      )
      WHEN COALESCE(NOT (
        `t5`.`_s_total` IS NOT NULL
      ), FALSE)
      THEN '\'amount\' (total) is empty; it is required'
      WHEN COALESCE(
        (
          `t5`.`_s_total` IS NOT NULL
        )
        AND (
          `t5`.`total` IS NULL OR ISNAN(`t5`.`total`)
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'amount\' (total) is \'',
          SUBSTRING(`t5`.`_s_total`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_total`)), 60)
        ),
        '\'; expected a number like 12.50'
      )
      WHEN COALESCE(`t5`.`total` < 0, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'amount\' (total) is ',
          SUBSTRING(`t5`.`_s_total`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_total`)), 60)
        ),
        '; expected at least 0'
      )
      WHEN COALESCE(
        (
          `t5`.`_s_discount` IS NOT NULL
        )
        AND (
          `t5`.`discount` IS NULL OR ISNAN(`t5`.`discount`)
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'discount\' is \'',
          SUBSTRING(
            `t5`.`_s_discount`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_discount`)),
            60
          )
        ),
        '\'; expected a number like 12.50'
      )
      WHEN COALESCE(`t5`.`discount` < 0, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'discount\' is ',
          SUBSTRING(
            `t5`.`_s_discount`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_discount`)),
            60
          )
        ),
        '; expected at least 0'
      )
      WHEN COALESCE(
        (
          `t5`.`_s_minutes_in_store` IS NOT NULL
        )
        AND (
          `t5`.`minutes_in_store` IS NULL OR ISNAN(`t5`.`minutes_in_store`)
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'minutes_in_store\' is \'',
          SUBSTRING(
            `t5`.`_s_minutes_in_store`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_minutes_in_store`)),
            60
          )
        ),
        '\'; expected a number like 12.50'
      )
      WHEN COALESCE(`t5`.`minutes_in_store` < 0, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'minutes_in_store\' is ',
          SUBSTRING(
            `t5`.`_s_minutes_in_store`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_minutes_in_store`)),
            60
          )
        ),
        '; expected at least 0'
      )
      WHEN COALESCE(`t5`.`minutes_in_store` > 1440, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'minutes_in_store\' is ',
          SUBSTRING(
            `t5`.`_s_minutes_in_store`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_minutes_in_store`)),
            60
          )
        ),
        '; expected at most 1440'
      )
      WHEN COALESCE(
        TRUE
        AND (
          `t5`.`contact_id` IS NULL
        )
        AND (
          `t5`.`user_id` IS NULL
        )
        AND (
          `t5`.`email` IS NULL
        )
        AND (
          `t5`.`loyalty_id` IS NULL
        ),
        FALSE
      )
      THEN 'no person reference; expected at least one of contact_id, user_id, email, loyalty_id'
      ELSE CAST(NULL AS STRING)
    END AS `_reason`,
    'orders' AS `source`
  FROM (
    SELECT
      `t4`.`_row`,
      `t4`.`_file`,
      `t4`.`_ord`,
      `t4`.`_s_order_id`,
      `t4`.`_s_contact_id`,
      `t4`.`_s_user_id`,
      `t4`.`_s_email`,
      `t4`.`_s_loyalty_id`,
      `t4`.`_s_ordered_at`,
      `t4`.`_s_channel`,
      `t4`.`_s_store_id`,
      `t4`.`_s_total`,
      `t4`.`_s_discount`,
      `t4`.`_s_coupon_code`,
      `t4`.`_s_minutes_in_store`,
      `t4`.`_s_order_id` AS `order_id`,
      `t4`.`_s_contact_id` AS `contact_id`,
      `t4`.`_s_user_id` AS `user_id`,
      IF(
        LOWER(`t4`.`_s_email`) RLIKE '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
        LOWER(`t4`.`_s_email`),
        CAST(NULL AS STRING)
      ) AS `email`,
      `t4`.`_s_loyalty_id` AS `loyalty_id`,
      TRY_CAST(`t4`.`_s_ordered_at` AS TIMESTAMP) AS `ordered_at`,
      `t4`.`_s_channel` AS `channel`,
      `t4`.`_s_store_id` AS `store_id`,
      IF(
        `t4`.`_s_total` RLIKE '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$',
        TRY_CAST(`t4`.`_s_total` AS DOUBLE),
        CAST(NULL AS DOUBLE)
      ) AS `total`,
      IF(
        `t4`.`_s_discount` RLIKE '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$',
        TRY_CAST(`t4`.`_s_discount` AS DOUBLE),
        CAST(NULL AS DOUBLE)
      ) AS `discount`,
      `t4`.`_s_coupon_code` AS `coupon_code`,
      IF(
        `t4`.`_s_minutes_in_store` RLIKE '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$',
        TRY_CAST(`t4`.`_s_minutes_in_store` AS DOUBLE),
        CAST(NULL AS DOUBLE)
      ) AS `minutes_in_store`
    FROM (
      SELECT
        `t1`.`_row`,
        `t1`.`_file`,
        (
          `t1`.`_file` * 4294967296
        ) + `t1`.`_row` AS `_ord`,
        NULLIF(REGEXP_REPLACE(`t1`.`order_id`, '^\\s+|\\s+$', ''), '') AS `_s_order_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`contact_id`, '^\\s+|\\s+$', ''), '') AS `_s_contact_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`user_id`, '^\\s+|\\s+$', ''), '') AS `_s_user_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`email`, '^\\s+|\\s+$', ''), '') AS `_s_email`,
        NULLIF(REGEXP_REPLACE(`t1`.`loyalty_id`, '^\\s+|\\s+$', ''), '') AS `_s_loyalty_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`order_date`, '^\\s+|\\s+$', ''), '') AS `_s_ordered_at`,
        NULLIF(REGEXP_REPLACE(`t1`.`channel`, '^\\s+|\\s+$', ''), '') AS `_s_channel`,
        NULLIF(REGEXP_REPLACE(`t1`.`store_id`, '^\\s+|\\s+$', ''), '') AS `_s_store_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`amount`, '^\\s+|\\s+$', ''), '') AS `_s_total`,
        NULLIF(REGEXP_REPLACE(`t1`.`discount`, '^\\s+|\\s+$', ''), '') AS `_s_discount`,
        NULLIF(REGEXP_REPLACE(`t1`.`coupon_code`, '^\\s+|\\s+$', ''), '') AS `_s_coupon_code`,
        NULLIF(REGEXP_REPLACE(`t1`.`minutes_in_store`, '^\\s+|\\s+$', ''), '') AS `_s_minutes_in_store`
      FROM `ibis_table` AS `t1`
    ) AS `t4`
  ) AS `t5`
), `t13` AS (
  SELECT
    `t8`.`_row`,
    `t8`.`_file`,
    `t8`.`_ord`,
    `t8`.`order_id`,
    `t8`.`contact_id`,
    `t8`.`user_id`,
    `t8`.`email`,
    `t8`.`loyalty_id`,
    `t8`.`ordered_at`,
    `t8`.`channel`,
    `t8`.`store_id`,
    `t8`.`total`,
    `t8`.`discount`,
    `t8`.`coupon_code`,
    `t8`.`minutes_in_store`,
    `t8`.`_field`,
    `t8`.`_reason`,
    `t8`.`source`,
    `t12`.`_k_order_id`,
    `t12`.`_n`,
    `t12`.`_first`
  FROM `t6` AS `t8`
  LEFT OUTER JOIN (
    SELECT
      `t10`.`order_id` AS `_k_order_id`,
      `t10`.`_n`,
      `t10`.`_first`
    FROM (
      SELECT
        `t9`.`order_id`,
        COUNT(*) AS `_n`,
        MIN(`t9`.`_ord`) AS `_first`
      FROM (
        SELECT
          *
        FROM `t6` AS `t7`
        WHERE
          `t7`.`_reason` IS NULL
      ) AS `t9`
      GROUP BY
        1
    ) AS `t10`
    WHERE
      `t10`.`_n` > 1
  ) AS `t12`
    ON `t8`.`order_id` = `t12`.`_k_order_id`
)
SELECT
  `t34`.`order_id`,
  `t34`.`contact_id`,
  `t34`.`user_id`,
  `t34`.`email`,
  `t34`.`loyalty_id`,
  `t34`.`ordered_at`,
  `t34`.`channel`,
  `t34`.`store_id`,
  `t34`.`total`,
  `t34`.`discount`,
  `t34`.`coupon_code`,
  `t34`.`minutes_in_store`,
  `t34`.`source`,
  `t34`.`_row`,
  `t34`.`_file`,
  `t34`.`_ord`,
  IF(`t34`.`_clash`, 'order_id', `t34`.`_field`) AS `_field`,
  IF(
    `t34`.`_clash`,
    CONCAT(
      'the key (order_id) ',
      'is already loaded with different values; corrections to loaded rows are not applied'
    ),
    `t34`.`_reason`
  ) AS `_reason`,
  IF(`t34`.`_clash`, 'conflict', `t34`.`_status`) AS `_status`
FROM (
  SELECT
    `t33`.`_row`,
    `t33`.`_file`,
    `t33`.`_ord`,
    `t33`.`order_id`,
    `t33`.`contact_id`,
    `t33`.`user_id`,
    `t33`.`email`,
    `t33`.`loyalty_id`,
    `t33`.`ordered_at`,
    `t33`.`channel`,
    `t33`.`store_id`,
    `t33`.`total`,
    `t33`.`discount`,
    `t33`.`coupon_code`,
    `t33`.`minutes_in_store`,
    `t33`.`_field`,
    `t33`.`_reason`,
    `t33`.`source`,
    `t33`.`_first`,
    IF(
      (
        `t33`.`_status` = 'new'
      )
      AND (
        `t33`.`_found` IS NOT NULL
      )
      AND (
        `t33`.`order_id` IS NOT DISTINCT FROM `t33`.`_old_order_id`
        AND `t33`.`contact_id` IS NOT DISTINCT FROM `t33`.`_old_contact_id`
        AND `t33`.`user_id` IS NOT DISTINCT FROM `t33`.`_old_user_id`
        AND `t33`.`email` IS NOT DISTINCT FROM `t33`.`_old_email`
        AND `t33`.`loyalty_id` IS NOT DISTINCT FROM `t33`.`_old_loyalty_id`
        AND `t33`.`ordered_at` IS NOT DISTINCT FROM `t33`.`_old_ordered_at`
        AND `t33`.`channel` IS NOT DISTINCT FROM `t33`.`_old_channel`
        AND `t33`.`store_id` IS NOT DISTINCT FROM `t33`.`_old_store_id`
        AND `t33`.`total` IS NOT DISTINCT FROM `t33`.`_old_total`
        AND `t33`.`discount` IS NOT DISTINCT FROM `t33`.`_old_discount`
        AND `t33`.`coupon_code` IS NOT DISTINCT FROM `t33`.`_old_coupon_code`
        AND `t33`.`minutes_in_store` IS NOT DISTINCT FROM `t33`.`_old_minutes_in_store`
        AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
      ),
      'duplicate',
      `t33`.`_status`
    ) AS `_status`,
    `t33`.`_old_order_id`,
    `t33`.`_old_contact_id`,
    `t33`.`_old_user_id`,
    `t33`.`_old_email`,
    `t33`.`_old_loyalty_id`,
    `t33`.`_old_ordered_at`,
    `t33`.`_old_channel`,
    `t33`.`_old_store_id`,
    `t33`.`_old_total`,
    `t33`.`_old_discount`,
    `t33`.`_old_coupon_code`,
    `t33`.`_old_minutes_in_store`,
    `t33`.`_old_source`,
    `t33`.`_found`,
    (
      `t33`.`_status` = 'new'
    )
    AND (
      `t33`.`_found` IS NOT NULL
    )
    AND NOT (
      `t33`.`order_id` IS NOT DISTINCT FROM `t33`.`_old_order_id`
      AND `t33`.`contact_id` IS NOT DISTINCT FROM `t33`.`_old_contact_id`
      AND `t33`.`user_id` IS NOT DISTINCT FROM `t33`.`_old_user_id`
      AND `t33`.`email` IS NOT DISTINCT FROM `t33`.`_old_email`
      AND `t33`.`loyalty_id` IS NOT DISTINCT FROM `t33`.`_old_loyalty_id`
      AND `t33`.`ordered_at` IS NOT DISTINCT FROM `t33`.`_old_ordered_at`
      AND `t33`.`channel` IS NOT DISTINCT FROM `t33`.`_old_channel`
      AND `t33`.`store_id` IS NOT DISTINCT FROM `t33`.`_old_store_id`
      AND `t33`.`total` IS NOT DISTINCT FROM `t33`.`_old_total`
      AND `t33`.`discount` IS NOT DISTINCT FROM `t33`.`_old_discount`
      AND `t33`.`coupon_code` IS NOT DISTINCT FROM `t33`.`_old_coupon_code`
      AND `t33`.`minutes_in_store` IS NOT DISTINCT FROM `t33`.`_old_minutes_in_store`
      AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
    ) AS `_clash`
  FROM (
    SELECT
      `t32`.`_row`,
      `t32`.`_file`,
      `t32`.`_ord`,
      `t32`.`order_id`,
      `t32`.`contact_id`,
      `t32`.`user_id`,
      `t32`.`email`,
      `t32`.`loyalty_id`,
      `t32`.`ordered_at`,
      `t32`.`channel`,
      `t32`.`store_id`,
      `t32`.`total`,
      `t32`.`discount`,
      `t32`.`coupon_code`,
      `t32`.`minutes_in_store`,
      `t32`.`_field`,
      `t32`.`_reason`,
      `t32`.`source`,
      `t32`.`_first`,
      `t32`.`_status`,
      `t30`.`_old_order_id`,
      `t30`.`_old_contact_id`,
      `t30`.`_old_user_id`,
      `t30`.`_old_email`,
      `t30`.`_old_loyalty_id`,
      `t30`.`_old_ordered_at`,
      `t30`.`_old_channel`,
      `t30`.`_old_store_id`,
      `t30`.`_old_total`,
      `t30`.`_old_discount`,
      `t30`.`_old_coupon_code`,
      `t30`.`_old_minutes_in_store`,
      `t30`.`_old_source`,
      `t30`.`_found`
    FROM (
      SELECT
        `t25`.`_row`,
        `t25`.`_file`,
        `t25`.`_ord`,
        `t25`.`order_id`,
        `t25`.`contact_id`,
        `t25`.`user_id`,
        `t25`.`email`,
        `t25`.`loyalty_id`,
        `t25`.`ordered_at`,
        `t25`.`channel`,
        `t25`.`store_id`,
        `t25`.`total`,
        `t25`.`discount`,
        `t25`.`coupon_code`,
        `t25`.`minutes_in_store`,
        IF(`t25`.`_status` = 'conflict', 'order_id', `t25`.`_field`) AS `_field`,
        IF(
          `t25`.`_status` = 'conflict',
          CONCAT(
            'the key (order_id) ',
            CONCAT(
              CONCAT(
                CONCAT(CONCAT('repeats row ', CAST(`t25`.`_first` % 4294967296 AS STRING)), ' of '),
                CASE
                  WHEN CAST(FLOOR((
                    `t25`.`_first`
                  ) / (
                    4294967296
                  )) AS BIGINT) = 0
                  THEN 'data/orders.csv'
                  ELSE '?'
                END
              ),
              ' with different values'
            )
          ),
          `t25`.`_reason`
        ) AS `_reason`,
        `t25`.`source`,
        `t25`.`_first`,
        IF(`t25`.`_status` = 'conflict', 'conflict', `t25`.`_status`) AS `_status`
      FROM (
        SELECT
          `t24`.`_row`,
          `t24`.`_file`,
          `t24`.`_ord`,
          `t24`.`order_id`,
          `t24`.`contact_id`,
          `t24`.`user_id`,
          `t24`.`email`,
          `t24`.`loyalty_id`,
          `t24`.`ordered_at`,
          `t24`.`channel`,
          `t24`.`store_id`,
          `t24`.`total`,
          `t24`.`discount`,
          `t24`.`coupon_code`,
          `t24`.`minutes_in_store`,
          `t24`.`_field`,
          `t24`.`_reason`,
          `t24`.`source`,
          `t24`.`_first`,
          `t24`.`_status`
        FROM (
          SELECT
            `t23`.`_row`,
            `t23`.`_file`,
            `t23`.`_ord`,
            `t23`.`order_id`,
            `t23`.`contact_id`,
            `t23`.`user_id`,
            `t23`.`email`,
            `t23`.`loyalty_id`,
            `t23`.`ordered_at`,
            `t23`.`channel`,
            `t23`.`store_id`,
            `t23`.`total`,
            `t23`.`discount`,
            `t23`.`coupon_code`,
            `t23`.`minutes_in_store`,
            `t23`.`_field`,
            `t23`.`_reason`,
            `t23`.`source`,
            `t23`.`_k_order_id`,
            `t23`.`_n`,
            `t23`.`_first`,
            `t23`.`_ok`,
            `t23`.`_vord`,
            `t23`.`_same`,
            CASE
              WHEN NOT (
                `t23`.`_ok`
              )
              THEN 'bad'
              WHEN `t23`.`_ord` = `t23`.`_first`
              THEN 'new'
              WHEN `t23`.`_same`
              THEN 'duplicate'
              ELSE 'conflict'
            END AS `_status`
          FROM (
            SELECT
              `t16`.`_row`,
              `t16`.`_file`,
              `t16`.`_ord`,
              `t16`.`order_id`,
              `t16`.`contact_id`,
              `t16`.`user_id`,
              `t16`.`email`,
              `t16`.`loyalty_id`,
              `t16`.`ordered_at`,
              `t16`.`channel`,
              `t16`.`store_id`,
              `t16`.`total`,
              `t16`.`discount`,
              `t16`.`coupon_code`,
              `t16`.`minutes_in_store`,
              `t16`.`_field`,
              `t16`.`_reason`,
              `t16`.`source`,
              `t16`.`_k_order_id`,
              `t16`.`_n`,
              `t16`.`_first`,
              `t16`.`_ok`,
              `t22`.`_vord`,
              `t22`.`_same`
            FROM (
              SELECT
                `t14`.`_row`,
                `t14`.`_file`,
                `t14`.`_ord`,
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
                `t14`.`_field`,
                `t14`.`_reason`,
                `t14`.`source`,
                `t14`.`_k_order_id`,
                COALESCE(`t14`.`_n`, 1) AS `_n`,
                IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                `t14`.`_reason` IS NULL AS `_ok`
              FROM `t13` AS `t14`
            ) AS `t16`
            LEFT OUTER JOIN (
              SELECT
                `t19`.`_ord` AS `_vord`,
                `t19`.`order_id` IS NOT DISTINCT FROM `t20`.`_f_order_id`
                AND `t19`.`contact_id` IS NOT DISTINCT FROM `t20`.`_f_contact_id`
                AND `t19`.`user_id` IS NOT DISTINCT FROM `t20`.`_f_user_id`
                AND `t19`.`email` IS NOT DISTINCT FROM `t20`.`_f_email`
                AND `t19`.`loyalty_id` IS NOT DISTINCT FROM `t20`.`_f_loyalty_id`
                AND `t19`.`ordered_at` IS NOT DISTINCT FROM `t20`.`_f_ordered_at`
                AND `t19`.`channel` IS NOT DISTINCT FROM `t20`.`_f_channel`
                AND `t19`.`store_id` IS NOT DISTINCT FROM `t20`.`_f_store_id`
                AND `t19`.`total` IS NOT DISTINCT FROM `t20`.`_f_total`
                AND `t19`.`discount` IS NOT DISTINCT FROM `t20`.`_f_discount`
                AND `t19`.`coupon_code` IS NOT DISTINCT FROM `t20`.`_f_coupon_code`
                AND `t19`.`minutes_in_store` IS NOT DISTINCT FROM `t20`.`_f_minutes_in_store`
                AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
              FROM (
                SELECT
                  `t14`.`_row`,
                  `t14`.`_file`,
                  `t14`.`_ord`,
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
                  `t14`.`_field`,
                  `t14`.`_reason`,
                  `t14`.`source`,
                  `t14`.`_k_order_id`,
                  COALESCE(`t14`.`_n`, 1) AS `_n`,
                  IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                  `t14`.`_reason` IS NULL AS `_ok`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t19`
              INNER JOIN (
                SELECT
                  `t14`.`_ord` AS `_ford`,
                  `t14`.`order_id` AS `_f_order_id`,
                  `t14`.`contact_id` AS `_f_contact_id`,
                  `t14`.`user_id` AS `_f_user_id`,
                  `t14`.`email` AS `_f_email`,
                  `t14`.`loyalty_id` AS `_f_loyalty_id`,
                  `t14`.`ordered_at` AS `_f_ordered_at`,
                  `t14`.`channel` AS `_f_channel`,
                  `t14`.`store_id` AS `_f_store_id`,
                  `t14`.`total` AS `_f_total`,
                  `t14`.`discount` AS `_f_discount`,
                  `t14`.`coupon_code` AS `_f_coupon_code`,
                  `t14`.`minutes_in_store` AS `_f_minutes_in_store`,
                  `t14`.`source` AS `_f_source`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t20`
                ON `t19`.`_first` = `t20`.`_ford`
            ) AS `t22`
              ON `t16`.`_ord` = `t22`.`_vord`
          ) AS `t23`
        ) AS `t24`
      ) AS `t25`
    ) AS `t32`
    LEFT OUTER JOIN (
      SELECT
        `t28`.`order_id` AS `_old_order_id`,
        `t28`.`contact_id` AS `_old_contact_id`,
        `t28`.`user_id` AS `_old_user_id`,
        `t28`.`email` AS `_old_email`,
        `t28`.`loyalty_id` AS `_old_loyalty_id`,
        `t28`.`ordered_at` AS `_old_ordered_at`,
        `t28`.`channel` AS `_old_channel`,
        `t28`.`store_id` AS `_old_store_id`,
        `t28`.`total` AS `_old_total`,
        `t28`.`discount` AS `_old_discount`,
        `t28`.`coupon_code` AS `_old_coupon_code`,
        `t28`.`minutes_in_store` AS `_old_minutes_in_store`,
        `t28`.`source` AS `_old_source`,
        TRUE AS `_found`
      FROM (
        SELECT
          `t3`.`order_id`,
          `t3`.`contact_id`,
          `t3`.`user_id`,
          `t3`.`email`,
          `t3`.`loyalty_id`,
          `t3`.`ordered_at`,
          `t3`.`channel`,
          `t3`.`store_id`,
          `t3`.`total`,
          `t3`.`discount`,
          `t3`.`coupon_code`,
          `t3`.`minutes_in_store`,
          `t3`.`source`
        FROM (
          SELECT
            *
          FROM `orders` AS `t0`
        ) AS `t3`
        LEFT SEMI JOIN (
          SELECT
            `t25`.`order_id`
          FROM (
            SELECT
              `t24`.`_row`,
              `t24`.`_file`,
              `t24`.`_ord`,
              `t24`.`order_id`,
              `t24`.`contact_id`,
              `t24`.`user_id`,
              `t24`.`email`,
              `t24`.`loyalty_id`,
              `t24`.`ordered_at`,
              `t24`.`channel`,
              `t24`.`store_id`,
              `t24`.`total`,
              `t24`.`discount`,
              `t24`.`coupon_code`,
              `t24`.`minutes_in_store`,
              `t24`.`_field`,
              `t24`.`_reason`,
              `t24`.`source`,
              `t24`.`_first`,
              `t24`.`_status`
            FROM (
              SELECT
                `t23`.`_row`,
                `t23`.`_file`,
                `t23`.`_ord`,
                `t23`.`order_id`,
                `t23`.`contact_id`,
                `t23`.`user_id`,
                `t23`.`email`,
                `t23`.`loyalty_id`,
                `t23`.`ordered_at`,
                `t23`.`channel`,
                `t23`.`store_id`,
                `t23`.`total`,
                `t23`.`discount`,
                `t23`.`coupon_code`,
                `t23`.`minutes_in_store`,
                `t23`.`_field`,
                `t23`.`_reason`,
                `t23`.`source`,
                `t23`.`_k_order_id`,
                `t23`.`_n`,
                `t23`.`_first`,
                `t23`.`_ok`,
                `t23`.`_vord`,
                `t23`.`_same`,
                CASE
                  WHEN NOT (
                    `t23`.`_ok`
                  )
                  THEN 'bad'
                  WHEN `t23`.`_ord` = `t23`.`_first`
                  THEN 'new'
                  WHEN `t23`.`_same`
                  THEN 'duplicate'
                  ELSE 'conflict'
                END AS `_status`
              FROM (
                SELECT
                  `t16`.`_row`,
                  `t16`.`_file`,
                  `t16`.`_ord`,
                  `t16`.`order_id`,
                  `t16`.`contact_id`,
                  `t16`.`user_id`,
                  `t16`.`email`,
                  `t16`.`loyalty_id`,
                  `t16`.`ordered_at`,
                  `t16`.`channel`,
                  `t16`.`store_id`,
                  `t16`.`total`,
                  `t16`.`discount`,
                  `t16`.`coupon_code`,
                  `t16`.`minutes_in_store`,
                  `t16`.`_field`,
                  `t16`.`_reason`,
                  `t16`.`source`,
                  `t16`.`_k_order_id`,
                  `t16`.`_n`,
                  `t16`.`_first`,
                  `t16`.`_ok`,
                  `t22`.`_vord`,
                  `t22`.`_same`
                FROM (
                  SELECT
                    `t14`.`_row`,
                    `t14`.`_file`,
                    `t14`.`_ord`,
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
                    `t14`.`_field`,
                    `t14`.`_reason`,
                    `t14`.`source`,
                    `t14`.`_k_order_id`,
                    COALESCE(`t14`.`_n`, 1) AS `_n`,
                    IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                    `t14`.`_reason` IS NULL AS `_ok`
                  FROM `t13` AS `t14`
                ) AS `t16`
                LEFT OUTER JOIN (
                  SELECT
                    `t19`.`_ord` AS `_vord`,
                    `t19`.`order_id` IS NOT DISTINCT FROM `t20`.`_f_order_id`
                    AND `t19`.`contact_id` IS NOT DISTINCT FROM `t20`.`_f_contact_id`
                    AND `t19`.`user_id` IS NOT DISTINCT FROM `t20`.`_f_user_id`
                    AND `t19`.`email` IS NOT DISTINCT FROM `t20`.`_f_email`
                    AND `t19`.`loyalty_id` IS NOT DISTINCT FROM `t20`.`_f_loyalty_id`
                    AND `t19`.`ordered_at` IS NOT DISTINCT FROM `t20`.`_f_ordered_at`
                    AND `t19`.`channel` IS NOT DISTINCT FROM `t20`.`_f_channel`
                    AND `t19`.`store_id` IS NOT DISTINCT FROM `t20`.`_f_store_id`
                    AND `t19`.`total` IS NOT DISTINCT FROM `t20`.`_f_total`
                    AND `t19`.`discount` IS NOT DISTINCT FROM `t20`.`_f_discount`
                    AND `t19`.`coupon_code` IS NOT DISTINCT FROM `t20`.`_f_coupon_code`
                    AND `t19`.`minutes_in_store` IS NOT DISTINCT FROM `t20`.`_f_minutes_in_store`
                    AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
                  FROM (
                    SELECT
                      `t14`.`_row`,
                      `t14`.`_file`,
                      `t14`.`_ord`,
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
                      `t14`.`_field`,
                      `t14`.`_reason`,
                      `t14`.`source`,
                      `t14`.`_k_order_id`,
                      COALESCE(`t14`.`_n`, 1) AS `_n`,
                      IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                      `t14`.`_reason` IS NULL AS `_ok`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t19`
                  INNER JOIN (
                    SELECT
                      `t14`.`_ord` AS `_ford`,
                      `t14`.`order_id` AS `_f_order_id`,
                      `t14`.`contact_id` AS `_f_contact_id`,
                      `t14`.`user_id` AS `_f_user_id`,
                      `t14`.`email` AS `_f_email`,
                      `t14`.`loyalty_id` AS `_f_loyalty_id`,
                      `t14`.`ordered_at` AS `_f_ordered_at`,
                      `t14`.`channel` AS `_f_channel`,
                      `t14`.`store_id` AS `_f_store_id`,
                      `t14`.`total` AS `_f_total`,
                      `t14`.`discount` AS `_f_discount`,
                      `t14`.`coupon_code` AS `_f_coupon_code`,
                      `t14`.`minutes_in_store` AS `_f_minutes_in_store`,
                      `t14`.`source` AS `_f_source`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t20`
                    ON `t19`.`_first` = `t20`.`_ford`
                ) AS `t22`
                  ON `t16`.`_ord` = `t22`.`_vord`
              ) AS `t23`
            ) AS `t24`
          ) AS `t25`
        ) AS `t27`
          ON `t3`.`order_id` = `t27`.`order_id`
      ) AS `t28`
    ) AS `t30`
      ON `t32`.`order_id` = `t30`.`_old_order_id`
  ) AS `t33`
) AS `t34`
;

WITH `t6` AS (
  SELECT
    `t5`.`_row`,
    `t5`.`_file`,
    `t5`.`_ord`,
    `t5`.`response_id`,
    `t5`.`contact_id`,
    CAST(NULL AS STRING) AS `user_id`,
    `t5`.`email`,
    CAST(NULL AS STRING) AS `loyalty_id`,
    `t5`.`submitted_at`,
    `t5`.`kind`,
    `t5`.`score`,
    `t5`.`comment`,
    `t5`.`touchpoint`,
    `t5`.`channel`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_response_id` IS NOT NULL
      ), FALSE)
      THEN 'response_id'
      WHEN COALESCE((
        `t5`.`_s_email` IS NOT NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN 'email'
      WHEN COALESCE(NOT (
        `t5`.`_s_submitted_at` IS NOT NULL
      ), FALSE)
      THEN 'submitted_at'
      WHEN COALESCE(
        (
          `t5`.`_s_submitted_at` IS NOT NULL
        ) AND (
          `t5`.`submitted_at` IS NULL
        ),
        FALSE
      )
      THEN 'submitted_at'
      WHEN COALESCE(NOT (
        `t5`.`_s_kind` IS NOT NULL
      ), FALSE)
      THEN 'kind'
      WHEN COALESCE((
        `t5`.`_s_kind` IS NOT NULL
      ) AND (
        `t5`.`kind` IS NULL
      ), FALSE)
      THEN 'kind'
      WHEN COALESCE(
        (
          `t5`.`_s_score` IS NOT NULL
        )
        AND (
          `t5`.`score` IS NULL OR ISNAN(`t5`.`score`)
        ),
        FALSE
      )
      THEN 'score'
      WHEN COALESCE(`t5`.`score` < 0, FALSE)
      THEN 'score'
      WHEN COALESCE(`t5`.`score` > 10, FALSE)
      THEN 'score'
      WHEN COALESCE(TRUE AND (
        `t5`.`contact_id` IS NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN 'contact_id or email'
      WHEN COALESCE((
        `t5`.`kind` = 'csat'
      ) AND NOT (
        `t5`.`score` BETWEEN 1 AND 5
      ), FALSE)
      THEN 'score'
      ELSE CAST(NULL AS STRING)
    END AS `_field`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_response_id` IS NOT NULL
      ), FALSE)
      THEN '\'response_id\' is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_email` IS NOT NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'email\' is \'',
          SUBSTRING(`t5`.`_s_email`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_email`)), 60)
        ),
        '\'; expected an email address like name@example.com'
      )
      WHEN COALESCE(NOT (
        `t5`.`_s_submitted_at` IS NOT NULL
      ), FALSE)
      THEN '\'submitted_at\' is empty; it is required'
      WHEN COALESCE(
        (
          `t5`.`_s_submitted_at` IS NOT NULL
        ) AND (
          `t5`.`submitted_at` IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'submitted_at\' is \'',
          SUBSTRING(
            `t5`.`_s_submitted_at`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_submitted_at`)),
            60
          )
        ),
        '\'; expected a date-time (ISO 8601, e.g. 2025-03-01T14:05:00Z)'
      )
      WHEN COALESCE(NOT (
        `t5`.`_s_kind` IS NOT NULL
      ), FALSE)
      THEN '\'kind\' is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_kind` IS NOT NULL
      ) AND (
        `t5`.`kind` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'kind\' is \'',
          SUBSTRING(`t5`.`_s_kind`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_kind`)), 60)
        ),
        '\'; expected one of nps, csat, free_text'
      )
      WHEN COALESCE(
        (
          `t5`.`_s_score` IS NOT NULL
        )
        AND (
          `t5`.`score` IS NULL OR ISNAN(`t5`.`score`)
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'score\' is \'',
          SUBSTRING(`t5`.`_s_score`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_score`)), 60)
        ),
        '\'; expected a number like 12.50'
      )
      WHEN COALESCE(`t5`.`score` < 0, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'score\' is ',
          SUBSTRING(`t5`.`_s_score`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_score`)), 60)
        ),
        '; expected at least 0'
      )
      WHEN COALESCE(`t5`.`score` > 10, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'score\' is ',
          SUBSTRING(`t5`.`_s_score`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_score`)), 60)
        ),
        '; expected at most 10'
      )
      WHEN COALESCE(TRUE AND (
        `t5`.`contact_id` IS NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN 'no person reference; expected at least one of contact_id, user_id, email, loyalty_id'
      WHEN COALESCE((
        `t5`.`kind` = 'csat'
      ) AND NOT (
        `t5`.`score` BETWEEN 1 AND 5
      ), FALSE)
      THEN 'a \'csat\' score must be between 1 and 5'
      ELSE CAST(NULL AS STRING)
    END AS `_reason`,
    'feedback' AS `source`
  FROM (
    SELECT
      `t4`.`_row`,
      `t4`.`_file`,
      `t4`.`_ord`,
      `t4`.`_s_response_id`,
      `t4`.`_s_contact_id`,
      `t4`.`_s_email`,
      `t4`.`_s_submitted_at`,
      `t4`.`_s_kind`,
      `t4`.`_s_score`,
      `t4`.`_s_comment`,
      `t4`.`_s_touchpoint`,
      `t4`.`_s_channel`,
      `t4`.`_s_response_id` AS `response_id`,
      `t4`.`_s_contact_id` AS `contact_id`,
      IF(
        LOWER(`t4`.`_s_email`) RLIKE '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
        LOWER(`t4`.`_s_email`),
        CAST(NULL AS STRING)
      ) AS `email`,
      TRY_CAST(`t4`.`_s_submitted_at` AS TIMESTAMP) AS `submitted_at`,
      IF(
        LOWER(`t4`.`_s_kind`) IN ('nps', 'csat', 'free_text'),
        LOWER(`t4`.`_s_kind`),
        CAST(NULL AS STRING)
      ) AS `kind`,
      IF(
        `t4`.`_s_score` RLIKE '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$',
        TRY_CAST(`t4`.`_s_score` AS DOUBLE),
        CAST(NULL AS DOUBLE)
      ) AS `score`,
      `t4`.`_s_comment` AS `comment`,
      `t4`.`_s_touchpoint` AS `touchpoint`,
      `t4`.`_s_channel` AS `channel`
    FROM (
      SELECT
        `t1`.`_row`,
        `t1`.`_file`,
        (
          `t1`.`_file` * 4294967296
        ) + `t1`.`_row` AS `_ord`,
        NULLIF(REGEXP_REPLACE(`t1`.`response_id`, '^\\s+|\\s+$', ''), '') AS `_s_response_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`contact_id`, '^\\s+|\\s+$', ''), '') AS `_s_contact_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`email`, '^\\s+|\\s+$', ''), '') AS `_s_email`,
        NULLIF(REGEXP_REPLACE(`t1`.`submitted_at`, '^\\s+|\\s+$', ''), '') AS `_s_submitted_at`,
        NULLIF(REGEXP_REPLACE(`t1`.`kind`, '^\\s+|\\s+$', ''), '') AS `_s_kind`,
        NULLIF(REGEXP_REPLACE(`t1`.`score`, '^\\s+|\\s+$', ''), '') AS `_s_score`,
        NULLIF(REGEXP_REPLACE(`t1`.`comment`, '^\\s+|\\s+$', ''), '') AS `_s_comment`,
        NULLIF(REGEXP_REPLACE(`t1`.`touchpoint`, '^\\s+|\\s+$', ''), '') AS `_s_touchpoint`,
        NULLIF(REGEXP_REPLACE(`t1`.`channel`, '^\\s+|\\s+$', ''), '') AS `_s_channel`
      FROM `ibis_table` AS `t1`
    ) AS `t4`
  ) AS `t5`
), `t13` AS (
  SELECT
    `t8`.`_row`,
    `t8`.`_file`,
    `t8`.`_ord`,
    `t8`.`response_id`,
    `t8`.`contact_id`,
    `t8`.`user_id`,
    `t8`.`email`,
    `t8`.`loyalty_id`,
    `t8`.`submitted_at`,
    `t8`.`kind`,
    `t8`.`score`,
    `t8`.`comment`,
    `t8`.`touchpoint`,
    `t8`.`channel`,
    `t8`.`_field`,
    `t8`.`_reason`,
    `t8`.`source`,
    `t12`.`_k_response_id`,
    `t12`.`_n`,
    `t12`.`_first`
  FROM `t6` AS `t8`
  LEFT OUTER JOIN (
    SELECT
      `t10`.`response_id` AS `_k_response_id`,
      `t10`.`_n`,
      `t10`.`_first`
    FROM (
      SELECT
        `t9`.`response_id`,
        COUNT(*) AS `_n`,
        MIN(`t9`.`_ord`) AS `_first`
      FROM (
        SELECT
          *
        FROM `t6` AS `t7`
        WHERE
          `t7`.`_reason` IS NULL
      ) AS `t9`
      GROUP BY
        1
    ) AS `t10`
    WHERE
      `t10`.`_n` > 1
  ) AS `t12`
    ON `t8`.`response_id` = `t12`.`_k_response_id`
)
SELECT
  `t34`.`response_id`,
  `t34`.`contact_id`,
  `t34`.`user_id`,
  `t34`.`email`,
  `t34`.`loyalty_id`,
  `t34`.`submitted_at`,
  `t34`.`kind`,
  `t34`.`score`,
  `t34`.`comment`,
  `t34`.`touchpoint`,
  `t34`.`channel`,
  `t34`.`source`,
  `t34`.`_row`,
  `t34`.`_file`,
  `t34`.`_ord`,
  IF(`t34`.`_clash`, 'response_id', `t34`.`_field`) AS `_field`,
  IF(
    `t34`.`_clash`,
    CONCAT(
      'the key (response_id) ',
      'is already loaded with different values; corrections to loaded rows are not applied'
    ),
    `t34`.`_reason`
  ) AS `_reason`,
  IF(`t34`.`_clash`, 'conflict', `t34`.`_status`) AS `_status`
FROM (
  SELECT
    `t33`.`_row`,
    `t33`.`_file`,
    `t33`.`_ord`,
    `t33`.`response_id`,
    `t33`.`contact_id`,
    `t33`.`user_id`,
    `t33`.`email`,
    `t33`.`loyalty_id`,
    `t33`.`submitted_at`,
    `t33`.`kind`,
    `t33`.`score`,
    `t33`.`comment`,
    `t33`.`touchpoint`,
    `t33`.`channel`,
    `t33`.`_field`,
    `t33`.`_reason`,
    `t33`.`source`,
    `t33`.`_first`,
    IF(
      (
        `t33`.`_status` = 'new'
      )
      AND (
        `t33`.`_found` IS NOT NULL
      )
      AND (
        `t33`.`response_id` IS NOT DISTINCT FROM `t33`.`_old_response_id`
        AND `t33`.`contact_id` IS NOT DISTINCT FROM `t33`.`_old_contact_id`
        AND `t33`.`user_id` IS NOT DISTINCT FROM `t33`.`_old_user_id`
        AND `t33`.`email` IS NOT DISTINCT FROM `t33`.`_old_email`
        AND `t33`.`loyalty_id` IS NOT DISTINCT FROM `t33`.`_old_loyalty_id`
        AND `t33`.`submitted_at` IS NOT DISTINCT FROM `t33`.`_old_submitted_at`
        AND `t33`.`kind` IS NOT DISTINCT FROM `t33`.`_old_kind`
        AND `t33`.`score` IS NOT DISTINCT FROM `t33`.`_old_score`
        AND `t33`.`comment` IS NOT DISTINCT FROM `t33`.`_old_comment`
        AND `t33`.`touchpoint` IS NOT DISTINCT FROM `t33`.`_old_touchpoint`
        AND `t33`.`channel` IS NOT DISTINCT FROM `t33`.`_old_channel`
        AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
      ),
      'duplicate',
      `t33`.`_status`
    ) AS `_status`,
    `t33`.`_old_response_id`,
    `t33`.`_old_contact_id`,
    `t33`.`_old_user_id`,
    `t33`.`_old_email`,
    `t33`.`_old_loyalty_id`,
    `t33`.`_old_submitted_at`,
    `t33`.`_old_kind`,
    `t33`.`_old_score`,
    `t33`.`_old_comment`,
    `t33`.`_old_touchpoint`,
    `t33`.`_old_channel`,
    `t33`.`_old_source`,
    `t33`.`_found`,
    (
      `t33`.`_status` = 'new'
    )
    AND (
      `t33`.`_found` IS NOT NULL
    )
    AND NOT (
      `t33`.`response_id` IS NOT DISTINCT FROM `t33`.`_old_response_id`
      AND `t33`.`contact_id` IS NOT DISTINCT FROM `t33`.`_old_contact_id`
      AND `t33`.`user_id` IS NOT DISTINCT FROM `t33`.`_old_user_id`
      AND `t33`.`email` IS NOT DISTINCT FROM `t33`.`_old_email`
      AND `t33`.`loyalty_id` IS NOT DISTINCT FROM `t33`.`_old_loyalty_id`
      AND `t33`.`submitted_at` IS NOT DISTINCT FROM `t33`.`_old_submitted_at`
      AND `t33`.`kind` IS NOT DISTINCT FROM `t33`.`_old_kind`
      AND `t33`.`score` IS NOT DISTINCT FROM `t33`.`_old_score`
      AND `t33`.`comment` IS NOT DISTINCT FROM `t33`.`_old_comment`
      AND `t33`.`touchpoint` IS NOT DISTINCT FROM `t33`.`_old_touchpoint`
      AND `t33`.`channel` IS NOT DISTINCT FROM `t33`.`_old_channel`
      AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
    ) AS `_clash`
  FROM (
    SELECT
      `t32`.`_row`,
      `t32`.`_file`,
      `t32`.`_ord`,
      `t32`.`response_id`,
      `t32`.`contact_id`,
      `t32`.`user_id`,
      `t32`.`email`,
      `t32`.`loyalty_id`,
      `t32`.`submitted_at`,
      `t32`.`kind`,
      `t32`.`score`,
      `t32`.`comment`,
      `t32`.`touchpoint`,
      `t32`.`channel`,
      `t32`.`_field`,
      `t32`.`_reason`,
      `t32`.`source`,
      `t32`.`_first`,
      `t32`.`_status`,
      `t30`.`_old_response_id`,
      `t30`.`_old_contact_id`,
      `t30`.`_old_user_id`,
      `t30`.`_old_email`,
      `t30`.`_old_loyalty_id`,
      `t30`.`_old_submitted_at`,
      `t30`.`_old_kind`,
      `t30`.`_old_score`,
      `t30`.`_old_comment`,
      `t30`.`_old_touchpoint`,
      `t30`.`_old_channel`,
      `t30`.`_old_source`,
      `t30`.`_found`
    FROM (
      SELECT
        `t25`.`_row`,
        `t25`.`_file`,
        `t25`.`_ord`,
        `t25`.`response_id`,
        `t25`.`contact_id`,
        `t25`.`user_id`,
        `t25`.`email`,
        `t25`.`loyalty_id`,
        `t25`.`submitted_at`,
        `t25`.`kind`,
        `t25`.`score`,
        `t25`.`comment`,
        `t25`.`touchpoint`,
        `t25`.`channel`,
        IF(`t25`.`_status` = 'conflict', 'response_id', `t25`.`_field`) AS `_field`,
        IF(
          `t25`.`_status` = 'conflict',
          CONCAT(
            'the key (response_id) ',
            CONCAT(
              CONCAT(
                CONCAT(CONCAT('repeats row ', CAST(`t25`.`_first` % 4294967296 AS STRING)), ' of '),
                CASE
                  WHEN CAST(FLOOR((
                    `t25`.`_first`
                  ) / (
                    4294967296
                  )) AS BIGINT) = 0
                  THEN 'data/feedback.csv'
                  ELSE '?'
                END
              ),
              ' with different values'
            )
          ),
          `t25`.`_reason`
        ) AS `_reason`,
        `t25`.`source`,
        `t25`.`_first`,
        IF(`t25`.`_status` = 'conflict', 'conflict', `t25`.`_status`) AS `_status`
      FROM (
        SELECT
          `t24`.`_row`,
          `t24`.`_file`,
          `t24`.`_ord`,
          `t24`.`response_id`,
          `t24`.`contact_id`,
          `t24`.`user_id`,
          `t24`.`email`,
          `t24`.`loyalty_id`,
          `t24`.`submitted_at`,
          `t24`.`kind`,
          `t24`.`score`,
          `t24`.`comment`,
          `t24`.`touchpoint`,
          `t24`.`channel`,
          `t24`.`_field`,
          `t24`.`_reason`,
          `t24`.`source`,
          `t24`.`_first`,
          `t24`.`_status`
        FROM (
          SELECT
            `t23`.`_row`,
            `t23`.`_file`,
            `t23`.`_ord`,
            `t23`.`response_id`,
            `t23`.`contact_id`,
            `t23`.`user_id`,
            `t23`.`email`,
            `t23`.`loyalty_id`,
            `t23`.`submitted_at`,
            `t23`.`kind`,
            `t23`.`score`,
            `t23`.`comment`,
            `t23`.`touchpoint`,
            `t23`.`channel`,
            `t23`.`_field`,
            `t23`.`_reason`,
            `t23`.`source`,
            `t23`.`_k_response_id`,
            `t23`.`_n`,
            `t23`.`_first`,
            `t23`.`_ok`,
            `t23`.`_vord`,
            `t23`.`_same`,
            CASE
              WHEN NOT (
                `t23`.`_ok`
              )
              THEN 'bad'
              WHEN `t23`.`_ord` = `t23`.`_first`
              THEN 'new'
              WHEN `t23`.`_same`
              THEN 'duplicate'
              ELSE 'conflict'
            END AS `_status`
          FROM (
            SELECT
              `t16`.`_row`,
              `t16`.`_file`,
              `t16`.`_ord`,
              `t16`.`response_id`,
              `t16`.`contact_id`,
              `t16`.`user_id`,
              `t16`.`email`,
              `t16`.`loyalty_id`,
              `t16`.`submitted_at`,
              `t16`.`kind`,
              `t16`.`score`,
              `t16`.`comment`,
              `t16`.`touchpoint`,
              `t16`.`channel`,
              `t16`.`_field`,
              `t16`.`_reason`,
              `t16`.`source`,
              `t16`.`_k_response_id`,
              `t16`.`_n`,
              `t16`.`_first`,
              `t16`.`_ok`,
              `t22`.`_vord`,
              `t22`.`_same`
            FROM (
              SELECT
                `t14`.`_row`,
                `t14`.`_file`,
                `t14`.`_ord`,
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
                `t14`.`_field`,
                `t14`.`_reason`,
                `t14`.`source`,
                `t14`.`_k_response_id`,
                COALESCE(`t14`.`_n`, 1) AS `_n`,
                IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                `t14`.`_reason` IS NULL AS `_ok`
              FROM `t13` AS `t14`
            ) AS `t16`
            LEFT OUTER JOIN (
              SELECT
                `t19`.`_ord` AS `_vord`,
                `t19`.`response_id` IS NOT DISTINCT FROM `t20`.`_f_response_id`
                AND `t19`.`contact_id` IS NOT DISTINCT FROM `t20`.`_f_contact_id`
                AND `t19`.`user_id` IS NOT DISTINCT FROM `t20`.`_f_user_id`
                AND `t19`.`email` IS NOT DISTINCT FROM `t20`.`_f_email`
                AND `t19`.`loyalty_id` IS NOT DISTINCT FROM `t20`.`_f_loyalty_id`
                AND `t19`.`submitted_at` IS NOT DISTINCT FROM `t20`.`_f_submitted_at`
                AND `t19`.`kind` IS NOT DISTINCT FROM `t20`.`_f_kind`
                AND `t19`.`score` IS NOT DISTINCT FROM `t20`.`_f_score`
                AND `t19`.`comment` IS NOT DISTINCT FROM `t20`.`_f_comment`
                AND `t19`.`touchpoint` IS NOT DISTINCT FROM `t20`.`_f_touchpoint`
                AND `t19`.`channel` IS NOT DISTINCT FROM `t20`.`_f_channel`
                AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
              FROM (
                SELECT
                  `t14`.`_row`,
                  `t14`.`_file`,
                  `t14`.`_ord`,
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
                  `t14`.`_field`,
                  `t14`.`_reason`,
                  `t14`.`source`,
                  `t14`.`_k_response_id`,
                  COALESCE(`t14`.`_n`, 1) AS `_n`,
                  IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                  `t14`.`_reason` IS NULL AS `_ok`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t19`
              INNER JOIN (
                SELECT
                  `t14`.`_ord` AS `_ford`,
                  `t14`.`response_id` AS `_f_response_id`,
                  `t14`.`contact_id` AS `_f_contact_id`,
                  `t14`.`user_id` AS `_f_user_id`,
                  `t14`.`email` AS `_f_email`,
                  `t14`.`loyalty_id` AS `_f_loyalty_id`,
                  `t14`.`submitted_at` AS `_f_submitted_at`,
                  `t14`.`kind` AS `_f_kind`,
                  `t14`.`score` AS `_f_score`,
                  `t14`.`comment` AS `_f_comment`,
                  `t14`.`touchpoint` AS `_f_touchpoint`,
                  `t14`.`channel` AS `_f_channel`,
                  `t14`.`source` AS `_f_source`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t20`
                ON `t19`.`_first` = `t20`.`_ford`
            ) AS `t22`
              ON `t16`.`_ord` = `t22`.`_vord`
          ) AS `t23`
        ) AS `t24`
      ) AS `t25`
    ) AS `t32`
    LEFT OUTER JOIN (
      SELECT
        `t28`.`response_id` AS `_old_response_id`,
        `t28`.`contact_id` AS `_old_contact_id`,
        `t28`.`user_id` AS `_old_user_id`,
        `t28`.`email` AS `_old_email`,
        `t28`.`loyalty_id` AS `_old_loyalty_id`,
        `t28`.`submitted_at` AS `_old_submitted_at`,
        `t28`.`kind` AS `_old_kind`,
        `t28`.`score` AS `_old_score`,
        `t28`.`comment` AS `_old_comment`,
        `t28`.`touchpoint` AS `_old_touchpoint`,
        `t28`.`channel` AS `_old_channel`,
        `t28`.`source` AS `_old_source`,
        TRUE AS `_found`
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
          `t3`.`source`
        FROM (
          SELECT
            *
          FROM `feedback` AS `t0`
        ) AS `t3`
        LEFT SEMI JOIN (
          SELECT
            `t25`.`response_id`
          FROM (
            SELECT
              `t24`.`_row`,
              `t24`.`_file`,
              `t24`.`_ord`,
              `t24`.`response_id`,
              `t24`.`contact_id`,
              `t24`.`user_id`,
              `t24`.`email`,
              `t24`.`loyalty_id`,
              `t24`.`submitted_at`,
              `t24`.`kind`,
              `t24`.`score`,
              `t24`.`comment`,
              `t24`.`touchpoint`,
              `t24`.`channel`,
              `t24`.`_field`,
              `t24`.`_reason`,
              `t24`.`source`,
              `t24`.`_first`,
              `t24`.`_status`
            FROM (
              SELECT
                `t23`.`_row`,
                `t23`.`_file`,
                `t23`.`_ord`,
                `t23`.`response_id`,
                `t23`.`contact_id`,
                `t23`.`user_id`,
                `t23`.`email`,
                `t23`.`loyalty_id`,
                `t23`.`submitted_at`,
                `t23`.`kind`,
                `t23`.`score`,
                `t23`.`comment`,
                `t23`.`touchpoint`,
                `t23`.`channel`,
                `t23`.`_field`,
                `t23`.`_reason`,
                `t23`.`source`,
                `t23`.`_k_response_id`,
                `t23`.`_n`,
                `t23`.`_first`,
                `t23`.`_ok`,
                `t23`.`_vord`,
                `t23`.`_same`,
                CASE
                  WHEN NOT (
                    `t23`.`_ok`
                  )
                  THEN 'bad'
                  WHEN `t23`.`_ord` = `t23`.`_first`
                  THEN 'new'
                  WHEN `t23`.`_same`
                  THEN 'duplicate'
                  ELSE 'conflict'
                END AS `_status`
              FROM (
                SELECT
                  `t16`.`_row`,
                  `t16`.`_file`,
                  `t16`.`_ord`,
                  `t16`.`response_id`,
                  `t16`.`contact_id`,
                  `t16`.`user_id`,
                  `t16`.`email`,
                  `t16`.`loyalty_id`,
                  `t16`.`submitted_at`,
                  `t16`.`kind`,
                  `t16`.`score`,
                  `t16`.`comment`,
                  `t16`.`touchpoint`,
                  `t16`.`channel`,
                  `t16`.`_field`,
                  `t16`.`_reason`,
                  `t16`.`source`,
                  `t16`.`_k_response_id`,
                  `t16`.`_n`,
                  `t16`.`_first`,
                  `t16`.`_ok`,
                  `t22`.`_vord`,
                  `t22`.`_same`
                FROM (
                  SELECT
                    `t14`.`_row`,
                    `t14`.`_file`,
                    `t14`.`_ord`,
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
                    `t14`.`_field`,
                    `t14`.`_reason`,
                    `t14`.`source`,
                    `t14`.`_k_response_id`,
                    COALESCE(`t14`.`_n`, 1) AS `_n`,
                    IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                    `t14`.`_reason` IS NULL AS `_ok`
                  FROM `t13` AS `t14`
                ) AS `t16`
                LEFT OUTER JOIN (
                  SELECT
                    `t19`.`_ord` AS `_vord`,
                    `t19`.`response_id` IS NOT DISTINCT FROM `t20`.`_f_response_id`
                    AND `t19`.`contact_id` IS NOT DISTINCT FROM `t20`.`_f_contact_id`
                    AND `t19`.`user_id` IS NOT DISTINCT FROM `t20`.`_f_user_id`
                    AND `t19`.`email` IS NOT DISTINCT FROM `t20`.`_f_email`
                    AND `t19`.`loyalty_id` IS NOT DISTINCT FROM `t20`.`_f_loyalty_id`
                    AND `t19`.`submitted_at` IS NOT DISTINCT FROM `t20`.`_f_submitted_at`
                    AND `t19`.`kind` IS NOT DISTINCT FROM `t20`.`_f_kind`
                    AND `t19`.`score` IS NOT DISTINCT FROM `t20`.`_f_score`
                    AND `t19`.`comment` IS NOT DISTINCT FROM `t20`.`_f_comment`
                    AND `t19`.`touchpoint` IS NOT DISTINCT FROM `t20`.`_f_touchpoint`
                    AND `t19`.`channel` IS NOT DISTINCT FROM `t20`.`_f_channel`
                    AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
                  FROM (
                    SELECT
                      `t14`.`_row`,
                      `t14`.`_file`,
                      `t14`.`_ord`,
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
                      `t14`.`_field`,
                      `t14`.`_reason`,
                      `t14`.`source`,
                      `t14`.`_k_response_id`,
                      COALESCE(`t14`.`_n`, 1) AS `_n`,
                      IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                      `t14`.`_reason` IS NULL AS `_ok`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t19`
                  INNER JOIN (
                    SELECT
                      `t14`.`_ord` AS `_ford`,
                      `t14`.`response_id` AS `_f_response_id`,
                      `t14`.`contact_id` AS `_f_contact_id`,
                      `t14`.`user_id` AS `_f_user_id`,
                      `t14`.`email` AS `_f_email`,
                      `t14`.`loyalty_id` AS `_f_loyalty_id`,
                      `t14`.`submitted_at` AS `_f_submitted_at`,
                      `t14`.`kind` AS `_f_kind`,
                      `t14`.`score` AS `_f_score`,
                      `t14`.`comment` AS `_f_comment`,
                      `t14`.`touchpoint` AS `_f_touchpoint`,
                      `t14`.`channel` AS `_f_channel`,
                      `t14`.`source` AS `_f_source`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t20`
                    ON `t19`.`_first` = `t20`.`_ford`
                ) AS `t22`
                  ON `t16`.`_ord` = `t22`.`_vord`
              ) AS `t23`
            ) AS `t24`
          ) AS `t25`
        ) AS `t27`
          ON `t3`.`response_id` = `t27`.`response_id`
      ) AS `t28`
    ) AS `t30`
      ON `t32`.`response_id` = `t30`.`_old_response_id`
  ) AS `t33`
) AS `t34`
;

WITH `t12` AS (
  SELECT
    `t11`.`_row`,
    `t11`.`_file`,
    `t11`.`_ord`,
    `t11`.`_s_order_id` AS `order_id`,
    `t11`.`_s_line` AS `line`,
    `t11`.`_s_sku` AS `sku`,
    `t11`.`_s_category` AS `category`,
    `t11`.`_s_brand` AS `brand`,
    `t11`.`_s_private_label` AS `private_label`,
    `t11`.`_s_eco` AS `eco`,
    `t11`.`_s_clearance` AS `clearance`,
    `t11`.`_s_quantity` AS `quantity`,
    `t11`.`_s_unit_price` AS `unit_price`,
    `t11`.`_s_returned` AS `returned`,
    `t11`.`_s_return_reason` AS `return_reason`,
    CASE
      WHEN COALESCE(NOT (
        `t11`.`_s_order_id` IS NOT NULL
      ), FALSE)
      THEN 'order_id'
      WHEN COALESCE(NOT (
        `t11`.`_s_line` IS NOT NULL
      ), FALSE)
      THEN 'line'
      WHEN COALESCE((
        `t11`.`_s_line` IS NOT NULL
      ) AND (
        `t11`.`_s_line` IS NULL
      ), FALSE)
      THEN 'line'
      WHEN COALESCE(`t11`.`_s_line` < 1, FALSE)
      THEN 'line'
      WHEN COALESCE(
        (
          `t11`.`_s_private_label` IS NOT NULL
        )
        AND (
          `t11`.`_s_private_label` IS NULL
        ),
        FALSE
      )
      THEN 'private_label'
      WHEN COALESCE((
        `t11`.`_s_eco` IS NOT NULL
      ) AND (
        `t11`.`_s_eco` IS NULL
      ), FALSE)
      THEN 'eco'
      WHEN COALESCE(
        (
          `t11`.`_s_clearance` IS NOT NULL
        ) AND (
          `t11`.`_s_clearance` IS NULL
        ),
        FALSE
      )
      THEN 'clearance'
      WHEN COALESCE((
        `t11`.`_s_quantity` IS NOT NULL
      ) AND (
        `t11`.`_s_quantity` IS NULL
      ), FALSE)
      THEN 'quantity'
      WHEN COALESCE(`t11`.`_s_quantity` < 1, FALSE)
      THEN 'quantity'
      WHEN COALESCE(
        `t11`.`_s_unit_price` IS NOT NULL
        AND NOT ISNAN(`t11`.`_s_unit_price`)
        AND (
          `t11`.`_s_unit_price` IS NULL OR ISNAN(`t11`.`_s_unit_price`)
        ),
        FALSE
      )
      THEN 'unit_price'
      WHEN COALESCE(`t11`.`_s_unit_price` < 0, FALSE)
      THEN 'unit_price'
      WHEN COALESCE((
        `t11`.`_s_returned` IS NOT NULL
      ) AND (
        `t11`.`_s_returned` IS NULL
      ), FALSE)
      THEN 'returned'
      ELSE CAST(NULL AS STRING)
    END AS `_field`,
    CASE
      WHEN COALESCE(NOT (
        `t11`.`_s_order_id` IS NOT NULL
      ), FALSE)
      THEN '\'order_id\' is empty; it is required'
      WHEN COALESCE(NOT (
        `t11`.`_s_line` IS NOT NULL
      ), FALSE)
      THEN '\'line\' is empty; it is required'
      WHEN COALESCE((
        `t11`.`_s_line` IS NOT NULL
      ) AND (
        `t11`.`_s_line` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'line\' is \'',
          SUBSTRING(
            CAST(`t11`.`_s_line` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_line` AS STRING))),
            60
          )
        ),
        '\'; expected a whole number'
      )
      WHEN COALESCE(`t11`.`_s_line` < 1, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'line\' is ',
          SUBSTRING(
            CAST(`t11`.`_s_line` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_line` AS STRING))),
            60
          )
        ),
        '; expected at least 1'
      )
      WHEN COALESCE(
        (
          `t11`.`_s_private_label` IS NOT NULL
        )
        AND (
          `t11`.`_s_private_label` IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'private_label\' is \'',
          SUBSTRING(
            CAST(`t11`.`_s_private_label` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_private_label` AS STRING))),
            60
          )
        ),
        '\'; expected yes/no (true, false, y, n, 1, 0)'
      )
      WHEN COALESCE((
        `t11`.`_s_eco` IS NOT NULL
      ) AND (
        `t11`.`_s_eco` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'eco\' is \'',
          SUBSTRING(
            CAST(`t11`.`_s_eco` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_eco` AS STRING))),
            60
          )
        ),
        '\'; expected yes/no (true, false, y, n, 1, 0)'
      )
      WHEN COALESCE(
        (
          `t11`.`_s_clearance` IS NOT NULL
        ) AND (
          `t11`.`_s_clearance` IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'clearance\' is \'',
          SUBSTRING(
            CAST(`t11`.`_s_clearance` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_clearance` AS STRING))),
            60
          )
        ),
        '\'; expected yes/no (true, false, y, n, 1, 0)'
      )
      WHEN COALESCE((
        `t11`.`_s_quantity` IS NOT NULL
      ) AND (
        `t11`.`_s_quantity` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'quantity\' is \'',
          SUBSTRING(
            CAST(`t11`.`_s_quantity` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_quantity` AS STRING))),
            60
          )
        ),
        '\'; expected a whole number'
      )
      WHEN COALESCE(`t11`.`_s_quantity` < 1, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'quantity\' is ',
          SUBSTRING(
            CAST(`t11`.`_s_quantity` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_quantity` AS STRING))),
            60
          )
        ),
        '; expected at least 1'
      )
      WHEN COALESCE(
        `t11`.`_s_unit_price` IS NOT NULL
        AND NOT ISNAN(`t11`.`_s_unit_price`)
        AND (
          `t11`.`_s_unit_price` IS NULL OR ISNAN(`t11`.`_s_unit_price`)
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'unit_price\' is \'',
          SUBSTRING(
            CAST(`t11`.`_s_unit_price` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_unit_price` AS STRING))),
            60
          )
        ),
        '\'; expected a number like 12.50'
      )
      WHEN COALESCE(`t11`.`_s_unit_price` < 0, FALSE)
      THEN CONCAT(
        CONCAT(
          '\'unit_price\' is ',
          SUBSTRING(
            CAST(`t11`.`_s_unit_price` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_unit_price` AS STRING))),
            60
          )
        ),
        '; expected at least 0'
      )
      WHEN COALESCE((
        `t11`.`_s_returned` IS NOT NULL
      ) AND (
        `t11`.`_s_returned` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'returned\' is \'',
          SUBSTRING(
            CAST(`t11`.`_s_returned` AS STRING),
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(CAST(`t11`.`_s_returned` AS STRING))),
            60
          )
        ),
        '\'; expected yes/no (true, false, y, n, 1, 0)'
      )
      ELSE CAST(NULL AS STRING)
    END AS `_reason`,
    'order_items' AS `source`
  FROM (
    SELECT
      `t10`.`_row`,
      `t10`.`_file`,
      (
        `t10`.`_file` * 4294967296
      ) + `t10`.`_row` AS `_ord`,
      NULLIF(REGEXP_REPLACE(`t10`.`order_id`, '^\\s+|\\s+$', ''), '') AS `_s_order_id`,
      `t10`.`line` AS `_s_line`,
      NULLIF(REGEXP_REPLACE(`t10`.`sku`, '^\\s+|\\s+$', ''), '') AS `_s_sku`,
      NULLIF(REGEXP_REPLACE(`t10`.`category`, '^\\s+|\\s+$', ''), '') AS `_s_category`,
      NULLIF(REGEXP_REPLACE(`t10`.`brand`, '^\\s+|\\s+$', ''), '') AS `_s_brand`,
      `t10`.`private_label` AS `_s_private_label`,
      `t10`.`eco` AS `_s_eco`,
      `t10`.`clearance` AS `_s_clearance`,
      `t10`.`quantity` AS `_s_quantity`,
      `t10`.`unit_price` AS `_s_unit_price`,
      `t10`.`returned` AS `_s_returned`,
      NULLIF(REGEXP_REPLACE(`t10`.`return_reason`, '^\\s+|\\s+$', ''), '') AS `_s_return_reason`
    FROM (
      SELECT
        `t9`.`order_id`,
        `t9`.`line`,
        `t9`.`sku`,
        `t9`.`category`,
        `t9`.`brand`,
        `t9`.`private_label`,
        `t9`.`eco`,
        `t9`.`clearance`,
        `t9`.`quantity`,
        `t9`.`unit_price`,
        `t9`.`returned`,
        `t9`.`return_reason`,
        `t9`.`_row`,
        `t9`.`_file`
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
          `t8`.`_row`,
          `t8`.`_path`,
          `t3`.`_file`
        FROM (
          SELECT
            `t6`.`order_id`,
            `t6`.`line`,
            `t6`.`sku`,
            `t6`.`category`,
            `t6`.`brand`,
            `t6`.`private_label`,
            `t6`.`eco`,
            `t6`.`clearance`,
            `t6`.`quantity`,
            `t6`.`unit_price`,
            `t6`.`returned`,
            `t6`.`return_reason`,
            `t6`.`_row`,
            `t6`.`_path`
          FROM (
            SELECT
              `t2`.`order_id`,
              `t2`.`line`,
              `t2`.`sku`,
              `t2`.`category`,
              `t2`.`brand`,
              `t2`.`private_label`,
              `t2`.`eco`,
              `t2`.`clearance`,
              `t2`.`quantity`,
              `t2`.`unit_price`,
              `t2`.`returned`,
              `t2`.`return_reason`,
              `t2`.`file_row_number`,
              `t2`.`filename`,
              `t2`.`file_row_number` + 1 AS `_row`,
              `t2`.`filename` AS `_path`
            FROM `ibis_table` AS `t2`
          ) AS `t6`
        ) AS `t8`
        INNER JOIN `ibis_table` AS `t3`
          ON `t8`.`_path` = `t3`.`_path`
      ) AS `t9`
    ) AS `t10`
  ) AS `t11`
), `t19` AS (
  SELECT
    `t14`.`_row`,
    `t14`.`_file`,
    `t14`.`_ord`,
    `t14`.`order_id`,
    `t14`.`line`,
    `t14`.`sku`,
    `t14`.`category`,
    `t14`.`brand`,
    `t14`.`private_label`,
    `t14`.`eco`,
    `t14`.`clearance`,
    `t14`.`quantity`,
    `t14`.`unit_price`,
    `t14`.`returned`,
    `t14`.`return_reason`,
    `t14`.`_field`,
    `t14`.`_reason`,
    `t14`.`source`,
    `t18`.`_k_order_id`,
    `t18`.`_k_line`,
    `t18`.`_n`,
    `t18`.`_first`
  FROM `t12` AS `t14`
  LEFT OUTER JOIN (
    SELECT
      `t16`.`order_id` AS `_k_order_id`,
      `t16`.`line` AS `_k_line`,
      `t16`.`_n`,
      `t16`.`_first`
    FROM (
      SELECT
        `t15`.`order_id`,
        `t15`.`line`,
        COUNT(*) AS `_n`,
        MIN(`t15`.`_ord`) AS `_first`
      FROM (
        SELECT
          *
        FROM `t12` AS `t13`
        WHERE
          `t13`.`_reason` IS NULL
      ) AS `t15`
      GROUP BY
        1,
        2
    ) AS `t16`
    WHERE
      `t16`.`_n` > 1
  ) AS `t18`
    ON `t14`.`order_id` = `t18`.`_k_order_id` AND `t14`.`line` = `t18`.`_k_line`
)
SELECT
  `t40`.`order_id`,
  `t40`.`line`,
  `t40`.`sku`,
  `t40`.`category`,
  `t40`.`brand`,
  `t40`.`private_label`,
  `t40`.`eco`,
  `t40`.`clearance`,
  `t40`.`quantity`,
  `t40`.`unit_price`,
  `t40`.`returned`,
  `t40`.`return_reason`,
  `t40`.`source`,
  `t40`.`_row`,
  `t40`.`_file`,
  `t40`.`_ord`,
  IF(`t40`.`_clash`, 'line', `t40`.`_field`) AS `_field`,
  IF(
    `t40`.`_clash`,
    CONCAT(
      'the key (order_id, line) ',
      'is already loaded with different values; corrections to loaded rows are not applied'
    ),
    `t40`.`_reason`
  ) AS `_reason`,
  IF(`t40`.`_clash`, 'conflict', `t40`.`_status`) AS `_status`
FROM (
  SELECT
    `t39`.`_row`,
    `t39`.`_file`,
    `t39`.`_ord`,
    `t39`.`order_id`,
    `t39`.`line`,
    `t39`.`sku`,
    `t39`.`category`,
    `t39`.`brand`,
    `t39`.`private_label`,
    `t39`.`eco`,
    `t39`.`clearance`,
    `t39`.`quantity`,
    `t39`.`unit_price`,
    `t39`.`returned`,
    `t39`.`return_reason`,
    `t39`.`_field`,
    `t39`.`_reason`,
    `t39`.`source`,
    `t39`.`_first`,
    IF(
      (
        `t39`.`_status` = 'new'
      )
      AND (
        `t39`.`_found` IS NOT NULL
      )
      AND (
        `t39`.`order_id` IS NOT DISTINCT FROM `t39`.`_old_order_id`
        AND `t39`.`line` IS NOT DISTINCT FROM `t39`.`_old_line`
        AND `t39`.`sku` IS NOT DISTINCT FROM `t39`.`_old_sku`
        AND `t39`.`category` IS NOT DISTINCT FROM `t39`.`_old_category`
        AND `t39`.`brand` IS NOT DISTINCT FROM `t39`.`_old_brand`
        AND `t39`.`private_label` IS NOT DISTINCT FROM `t39`.`_old_private_label`
        AND `t39`.`eco` IS NOT DISTINCT FROM `t39`.`_old_eco`
        AND `t39`.`clearance` IS NOT DISTINCT FROM `t39`.`_old_clearance`
        AND `t39`.`quantity` IS NOT DISTINCT FROM `t39`.`_old_quantity`
        AND `t39`.`unit_price` IS NOT DISTINCT FROM `t39`.`_old_unit_price`
        AND `t39`.`returned` IS NOT DISTINCT FROM `t39`.`_old_returned`
        AND `t39`.`return_reason` IS NOT DISTINCT FROM `t39`.`_old_return_reason`
        AND `t39`.`source` IS NOT DISTINCT FROM `t39`.`_old_source`
      ),
      'duplicate',
      `t39`.`_status`
    ) AS `_status`,
    `t39`.`_old_order_id`,
    `t39`.`_old_line`,
    `t39`.`_old_sku`,
    `t39`.`_old_category`,
    `t39`.`_old_brand`,
    `t39`.`_old_private_label`,
    `t39`.`_old_eco`,
    `t39`.`_old_clearance`,
    `t39`.`_old_quantity`,
    `t39`.`_old_unit_price`,
    `t39`.`_old_returned`,
    `t39`.`_old_return_reason`,
    `t39`.`_old_source`,
    `t39`.`_found`,
    (
      `t39`.`_status` = 'new'
    )
    AND (
      `t39`.`_found` IS NOT NULL
    )
    AND NOT (
      `t39`.`order_id` IS NOT DISTINCT FROM `t39`.`_old_order_id`
      AND `t39`.`line` IS NOT DISTINCT FROM `t39`.`_old_line`
      AND `t39`.`sku` IS NOT DISTINCT FROM `t39`.`_old_sku`
      AND `t39`.`category` IS NOT DISTINCT FROM `t39`.`_old_category`
      AND `t39`.`brand` IS NOT DISTINCT FROM `t39`.`_old_brand`
      AND `t39`.`private_label` IS NOT DISTINCT FROM `t39`.`_old_private_label`
      AND `t39`.`eco` IS NOT DISTINCT FROM `t39`.`_old_eco`
      AND `t39`.`clearance` IS NOT DISTINCT FROM `t39`.`_old_clearance`
      AND `t39`.`quantity` IS NOT DISTINCT FROM `t39`.`_old_quantity`
      AND `t39`.`unit_price` IS NOT DISTINCT FROM `t39`.`_old_unit_price`
      AND `t39`.`returned` IS NOT DISTINCT FROM `t39`.`_old_returned`
      AND `t39`.`return_reason` IS NOT DISTINCT FROM `t39`.`_old_return_reason`
      AND `t39`.`source` IS NOT DISTINCT FROM `t39`.`_old_source`
    ) AS `_clash`
  FROM (
    SELECT
      `t38`.`_row`,
      `t38`.`_file`,
      `t38`.`_ord`,
      `t38`.`order_id`,
      `t38`.`line`,
      `t38`.`sku`,
      `t38`.`category`,
      `t38`.`brand`,
      `t38`.`private_label`,
      `t38`.`eco`,
      `t38`.`clearance`,
      `t38`.`quantity`,
      `t38`.`unit_price`,
      `t38`.`returned`,
      `t38`.`return_reason`,
      `t38`.`_field`,
      `t38`.`_reason`,
      `t38`.`source`,
      `t38`.`_first`,
      `t38`.`_status`,
      `t36`.`_old_order_id`,
      `t36`.`_old_line`,
      `t36`.`_old_sku`,
      `t36`.`_old_category`,
      `t36`.`_old_brand`,
      `t36`.`_old_private_label`,
      `t36`.`_old_eco`,
      `t36`.`_old_clearance`,
      `t36`.`_old_quantity`,
      `t36`.`_old_unit_price`,
      `t36`.`_old_returned`,
      `t36`.`_old_return_reason`,
      `t36`.`_old_source`,
      `t36`.`_found`
    FROM (
      SELECT
        `t31`.`_row`,
        `t31`.`_file`,
        `t31`.`_ord`,
        `t31`.`order_id`,
        `t31`.`line`,
        `t31`.`sku`,
        `t31`.`category`,
        `t31`.`brand`,
        `t31`.`private_label`,
        `t31`.`eco`,
        `t31`.`clearance`,
        `t31`.`quantity`,
        `t31`.`unit_price`,
        `t31`.`returned`,
        `t31`.`return_reason`,
        IF(`t31`.`_status` = 'conflict', 'line', `t31`.`_field`) AS `_field`,
        IF(
          `t31`.`_status` = 'conflict',
          CONCAT(
            'the key (order_id, line) ',
            CONCAT(
              CONCAT(
                CONCAT(CONCAT('repeats row ', CAST(`t31`.`_first` % 4294967296 AS STRING)), ' of '),
                CASE
                  WHEN CAST(FLOOR((
                    `t31`.`_first`
                  ) / (
                    4294967296
                  )) AS BIGINT) = 0
                  THEN 'data/order_items/part-00000.parquet'
                  WHEN CAST(FLOOR((
                    `t31`.`_first`
                  ) / (
                    4294967296
                  )) AS BIGINT) = 1
                  THEN 'data/order_items/part-00001.parquet'
                  ELSE '?'
                END
              ),
              ' with different values'
            )
          ),
          `t31`.`_reason`
        ) AS `_reason`,
        `t31`.`source`,
        `t31`.`_first`,
        IF(`t31`.`_status` = 'conflict', 'conflict', `t31`.`_status`) AS `_status`
      FROM (
        SELECT
          `t30`.`_row`,
          `t30`.`_file`,
          `t30`.`_ord`,
          `t30`.`order_id`,
          `t30`.`line`,
          `t30`.`sku`,
          `t30`.`category`,
          `t30`.`brand`,
          `t30`.`private_label`,
          `t30`.`eco`,
          `t30`.`clearance`,
          `t30`.`quantity`,
          `t30`.`unit_price`,
          `t30`.`returned`,
          `t30`.`return_reason`,
          `t30`.`_field`,
          `t30`.`_reason`,
          `t30`.`source`,
          `t30`.`_first`,
          `t30`.`_status`
        FROM (
          SELECT
            `t29`.`_row`,
            `t29`.`_file`,
            `t29`.`_ord`,
            `t29`.`order_id`,
            `t29`.`line`,
            `t29`.`sku`,
            `t29`.`category`,
            `t29`.`brand`,
            `t29`.`private_label`,
            `t29`.`eco`,
            `t29`.`clearance`,
            `t29`.`quantity`,
            `t29`.`unit_price`,
            `t29`.`returned`,
            `t29`.`return_reason`,
            `t29`.`_field`,
            `t29`.`_reason`,
            `t29`.`source`,
            `t29`.`_k_order_id`,
            `t29`.`_k_line`,
            `t29`.`_n`,
            `t29`.`_first`,
            `t29`.`_ok`,
            `t29`.`_vord`,
            `t29`.`_same`,
            CASE
              WHEN NOT (
                `t29`.`_ok`
              )
              THEN 'bad'
              WHEN `t29`.`_ord` = `t29`.`_first`
              THEN 'new'
              WHEN `t29`.`_same`
              THEN 'duplicate'
              ELSE 'conflict'
            END AS `_status`
          FROM (
            SELECT
              `t22`.`_row`,
              `t22`.`_file`,
              `t22`.`_ord`,
              `t22`.`order_id`,
              `t22`.`line`,
              `t22`.`sku`,
              `t22`.`category`,
              `t22`.`brand`,
              `t22`.`private_label`,
              `t22`.`eco`,
              `t22`.`clearance`,
              `t22`.`quantity`,
              `t22`.`unit_price`,
              `t22`.`returned`,
              `t22`.`return_reason`,
              `t22`.`_field`,
              `t22`.`_reason`,
              `t22`.`source`,
              `t22`.`_k_order_id`,
              `t22`.`_k_line`,
              `t22`.`_n`,
              `t22`.`_first`,
              `t22`.`_ok`,
              `t28`.`_vord`,
              `t28`.`_same`
            FROM (
              SELECT
                `t20`.`_row`,
                `t20`.`_file`,
                `t20`.`_ord`,
                `t20`.`order_id`,
                `t20`.`line`,
                `t20`.`sku`,
                `t20`.`category`,
                `t20`.`brand`,
                `t20`.`private_label`,
                `t20`.`eco`,
                `t20`.`clearance`,
                `t20`.`quantity`,
                `t20`.`unit_price`,
                `t20`.`returned`,
                `t20`.`return_reason`,
                `t20`.`_field`,
                `t20`.`_reason`,
                `t20`.`source`,
                `t20`.`_k_order_id`,
                `t20`.`_k_line`,
                COALESCE(`t20`.`_n`, 1) AS `_n`,
                IF(`t20`.`_reason` IS NULL, COALESCE(`t20`.`_first`, `t20`.`_ord`), `t20`.`_ord`) AS `_first`,
                `t20`.`_reason` IS NULL AS `_ok`
              FROM `t19` AS `t20`
            ) AS `t22`
            LEFT OUTER JOIN (
              SELECT
                `t25`.`_ord` AS `_vord`,
                `t25`.`order_id` IS NOT DISTINCT FROM `t26`.`_f_order_id`
                AND `t25`.`line` IS NOT DISTINCT FROM `t26`.`_f_line`
                AND `t25`.`sku` IS NOT DISTINCT FROM `t26`.`_f_sku`
                AND `t25`.`category` IS NOT DISTINCT FROM `t26`.`_f_category`
                AND `t25`.`brand` IS NOT DISTINCT FROM `t26`.`_f_brand`
                AND `t25`.`private_label` IS NOT DISTINCT FROM `t26`.`_f_private_label`
                AND `t25`.`eco` IS NOT DISTINCT FROM `t26`.`_f_eco`
                AND `t25`.`clearance` IS NOT DISTINCT FROM `t26`.`_f_clearance`
                AND `t25`.`quantity` IS NOT DISTINCT FROM `t26`.`_f_quantity`
                AND `t25`.`unit_price` IS NOT DISTINCT FROM `t26`.`_f_unit_price`
                AND `t25`.`returned` IS NOT DISTINCT FROM `t26`.`_f_returned`
                AND `t25`.`return_reason` IS NOT DISTINCT FROM `t26`.`_f_return_reason`
                AND `t25`.`source` IS NOT DISTINCT FROM `t26`.`_f_source` AS `_same`
              FROM (
                SELECT
                  `t20`.`_row`,
                  `t20`.`_file`,
                  `t20`.`_ord`,
                  `t20`.`order_id`,
                  `t20`.`line`,
                  `t20`.`sku`,
                  `t20`.`category`,
                  `t20`.`brand`,
                  `t20`.`private_label`,
                  `t20`.`eco`,
                  `t20`.`clearance`,
                  `t20`.`quantity`,
                  `t20`.`unit_price`,
                  `t20`.`returned`,
                  `t20`.`return_reason`,
                  `t20`.`_field`,
                  `t20`.`_reason`,
                  `t20`.`source`,
                  `t20`.`_k_order_id`,
                  `t20`.`_k_line`,
                  COALESCE(`t20`.`_n`, 1) AS `_n`,
                  IF(`t20`.`_reason` IS NULL, COALESCE(`t20`.`_first`, `t20`.`_ord`), `t20`.`_ord`) AS `_first`,
                  `t20`.`_reason` IS NULL AS `_ok`
                FROM `t19` AS `t20`
                WHERE
                  `t20`.`_reason` IS NULL
                  AND COALESCE(`t20`.`_n`, 1) > 1
                  AND `t20`.`_ord` <> IF(`t20`.`_reason` IS NULL, COALESCE(`t20`.`_first`, `t20`.`_ord`), `t20`.`_ord`)
              ) AS `t25`
              INNER JOIN (
                SELECT
                  `t20`.`_ord` AS `_ford`,
                  `t20`.`order_id` AS `_f_order_id`,
                  `t20`.`line` AS `_f_line`,
                  `t20`.`sku` AS `_f_sku`,
                  `t20`.`category` AS `_f_category`,
                  `t20`.`brand` AS `_f_brand`,
                  `t20`.`private_label` AS `_f_private_label`,
                  `t20`.`eco` AS `_f_eco`,
                  `t20`.`clearance` AS `_f_clearance`,
                  `t20`.`quantity` AS `_f_quantity`,
                  `t20`.`unit_price` AS `_f_unit_price`,
                  `t20`.`returned` AS `_f_returned`,
                  `t20`.`return_reason` AS `_f_return_reason`,
                  `t20`.`source` AS `_f_source`
                FROM `t19` AS `t20`
                WHERE
                  `t20`.`_reason` IS NULL
                  AND COALESCE(`t20`.`_n`, 1) > 1
                  AND `t20`.`_ord` = IF(`t20`.`_reason` IS NULL, COALESCE(`t20`.`_first`, `t20`.`_ord`), `t20`.`_ord`)
              ) AS `t26`
                ON `t25`.`_first` = `t26`.`_ford`
            ) AS `t28`
              ON `t22`.`_ord` = `t28`.`_vord`
          ) AS `t29`
        ) AS `t30`
      ) AS `t31`
    ) AS `t38`
    LEFT OUTER JOIN (
      SELECT
        `t34`.`order_id` AS `_old_order_id`,
        `t34`.`line` AS `_old_line`,
        `t34`.`sku` AS `_old_sku`,
        `t34`.`category` AS `_old_category`,
        `t34`.`brand` AS `_old_brand`,
        `t34`.`private_label` AS `_old_private_label`,
        `t34`.`eco` AS `_old_eco`,
        `t34`.`clearance` AS `_old_clearance`,
        `t34`.`quantity` AS `_old_quantity`,
        `t34`.`unit_price` AS `_old_unit_price`,
        `t34`.`returned` AS `_old_returned`,
        `t34`.`return_reason` AS `_old_return_reason`,
        `t34`.`source` AS `_old_source`,
        TRUE AS `_found`
      FROM (
        SELECT
          `t5`.`order_id`,
          `t5`.`line`,
          `t5`.`sku`,
          `t5`.`category`,
          `t5`.`brand`,
          `t5`.`private_label`,
          `t5`.`eco`,
          `t5`.`clearance`,
          `t5`.`quantity`,
          `t5`.`unit_price`,
          `t5`.`returned`,
          `t5`.`return_reason`,
          `t5`.`source`
        FROM (
          SELECT
            *
          FROM `order_items` AS `t0`
        ) AS `t5`
        LEFT SEMI JOIN (
          SELECT
            `t31`.`order_id`,
            `t31`.`line`
          FROM (
            SELECT
              `t30`.`_row`,
              `t30`.`_file`,
              `t30`.`_ord`,
              `t30`.`order_id`,
              `t30`.`line`,
              `t30`.`sku`,
              `t30`.`category`,
              `t30`.`brand`,
              `t30`.`private_label`,
              `t30`.`eco`,
              `t30`.`clearance`,
              `t30`.`quantity`,
              `t30`.`unit_price`,
              `t30`.`returned`,
              `t30`.`return_reason`,
              `t30`.`_field`,
              `t30`.`_reason`,
              `t30`.`source`,
              `t30`.`_first`,
              `t30`.`_status`
            FROM (
              SELECT
                `t29`.`_row`,
                `t29`.`_file`,
                `t29`.`_ord`,
                `t29`.`order_id`,
                `t29`.`line`,
                `t29`.`sku`,
                `t29`.`category`,
                `t29`.`brand`,
                `t29`.`private_label`,
                `t29`.`eco`,
                `t29`.`clearance`,
                `t29`.`quantity`,
                `t29`.`unit_price`,
                `t29`.`returned`,
                `t29`.`return_reason`,
                `t29`.`_field`,
                `t29`.`_reason`,
                `t29`.`source`,
                `t29`.`_k_order_id`,
                `t29`.`_k_line`,
                `t29`.`_n`,
                `t29`.`_first`,
                `t29`.`_ok`,
                `t29`.`_vord`,
                `t29`.`_same`,
                CASE
                  WHEN NOT (
                    `t29`.`_ok`
                  )
                  THEN 'bad'
                  WHEN `t29`.`_ord` = `t29`.`_first`
                  THEN 'new'
                  WHEN `t29`.`_same`
                  THEN 'duplicate'
                  ELSE 'conflict'
                END AS `_status`
              FROM (
                SELECT
                  `t22`.`_row`,
                  `t22`.`_file`,
                  `t22`.`_ord`,
                  `t22`.`order_id`,
                  `t22`.`line`,
                  `t22`.`sku`,
                  `t22`.`category`,
                  `t22`.`brand`,
                  `t22`.`private_label`,
                  `t22`.`eco`,
                  `t22`.`clearance`,
                  `t22`.`quantity`,
                  `t22`.`unit_price`,
                  `t22`.`returned`,
                  `t22`.`return_reason`,
                  `t22`.`_field`,
                  `t22`.`_reason`,
                  `t22`.`source`,
                  `t22`.`_k_order_id`,
                  `t22`.`_k_line`,
                  `t22`.`_n`,
                  `t22`.`_first`,
                  `t22`.`_ok`,
                  `t28`.`_vord`,
                  `t28`.`_same`
                FROM (
                  SELECT
                    `t20`.`_row`,
                    `t20`.`_file`,
                    `t20`.`_ord`,
                    `t20`.`order_id`,
                    `t20`.`line`,
                    `t20`.`sku`,
                    `t20`.`category`,
                    `t20`.`brand`,
                    `t20`.`private_label`,
                    `t20`.`eco`,
                    `t20`.`clearance`,
                    `t20`.`quantity`,
                    `t20`.`unit_price`,
                    `t20`.`returned`,
                    `t20`.`return_reason`,
                    `t20`.`_field`,
                    `t20`.`_reason`,
                    `t20`.`source`,
                    `t20`.`_k_order_id`,
                    `t20`.`_k_line`,
                    COALESCE(`t20`.`_n`, 1) AS `_n`,
                    IF(`t20`.`_reason` IS NULL, COALESCE(`t20`.`_first`, `t20`.`_ord`), `t20`.`_ord`) AS `_first`,
                    `t20`.`_reason` IS NULL AS `_ok`
                  FROM `t19` AS `t20`
                ) AS `t22`
                LEFT OUTER JOIN (
                  SELECT
                    `t25`.`_ord` AS `_vord`,
                    `t25`.`order_id` IS NOT DISTINCT FROM `t26`.`_f_order_id`
                    AND `t25`.`line` IS NOT DISTINCT FROM `t26`.`_f_line`
                    AND `t25`.`sku` IS NOT DISTINCT FROM `t26`.`_f_sku`
                    AND `t25`.`category` IS NOT DISTINCT FROM `t26`.`_f_category`
                    AND `t25`.`brand` IS NOT DISTINCT FROM `t26`.`_f_brand`
                    AND `t25`.`private_label` IS NOT DISTINCT FROM `t26`.`_f_private_label`
                    AND `t25`.`eco` IS NOT DISTINCT FROM `t26`.`_f_eco`
                    AND `t25`.`clearance` IS NOT DISTINCT FROM `t26`.`_f_clearance`
                    AND `t25`.`quantity` IS NOT DISTINCT FROM `t26`.`_f_quantity`
                    AND `t25`.`unit_price` IS NOT DISTINCT FROM `t26`.`_f_unit_price`
                    AND `t25`.`returned` IS NOT DISTINCT FROM `t26`.`_f_returned`
                    AND `t25`.`return_reason` IS NOT DISTINCT FROM `t26`.`_f_return_reason`
                    AND `t25`.`source` IS NOT DISTINCT FROM `t26`.`_f_source` AS `_same`
                  FROM (
                    SELECT
                      `t20`.`_row`,
                      `t20`.`_file`,
                      `t20`.`_ord`,
                      `t20`.`order_id`,
                      `t20`.`line`,
                      `t20`.`sku`,
                      `t20`.`category`,
                      `t20`.`brand`,
                      `t20`.`private_label`,
                      `t20`.`eco`,
                      `t20`.`clearance`,
                      `t20`.`quantity`,
                      `t20`.`unit_price`,
                      `t20`.`returned`,
                      `t20`.`return_reason`,
                      `t20`.`_field`,
                      `t20`.`_reason`,
                      `t20`.`source`,
                      `t20`.`_k_order_id`,
                      `t20`.`_k_line`,
                      COALESCE(`t20`.`_n`, 1) AS `_n`,
                      IF(`t20`.`_reason` IS NULL, COALESCE(`t20`.`_first`, `t20`.`_ord`), `t20`.`_ord`) AS `_first`,
                      `t20`.`_reason` IS NULL AS `_ok`
                    FROM `t19` AS `t20`
                    WHERE
                      `t20`.`_reason` IS NULL
                      AND COALESCE(`t20`.`_n`, 1) > 1
                      AND `t20`.`_ord` <> IF(`t20`.`_reason` IS NULL, COALESCE(`t20`.`_first`, `t20`.`_ord`), `t20`.`_ord`)
                  ) AS `t25`
                  INNER JOIN (
                    SELECT
                      `t20`.`_ord` AS `_ford`,
                      `t20`.`order_id` AS `_f_order_id`,
                      `t20`.`line` AS `_f_line`,
                      `t20`.`sku` AS `_f_sku`,
                      `t20`.`category` AS `_f_category`,
                      `t20`.`brand` AS `_f_brand`,
                      `t20`.`private_label` AS `_f_private_label`,
                      `t20`.`eco` AS `_f_eco`,
                      `t20`.`clearance` AS `_f_clearance`,
                      `t20`.`quantity` AS `_f_quantity`,
                      `t20`.`unit_price` AS `_f_unit_price`,
                      `t20`.`returned` AS `_f_returned`,
                      `t20`.`return_reason` AS `_f_return_reason`,
                      `t20`.`source` AS `_f_source`
                    FROM `t19` AS `t20`
                    WHERE
                      `t20`.`_reason` IS NULL
                      AND COALESCE(`t20`.`_n`, 1) > 1
                      AND `t20`.`_ord` = IF(`t20`.`_reason` IS NULL, COALESCE(`t20`.`_first`, `t20`.`_ord`), `t20`.`_ord`)
                  ) AS `t26`
                    ON `t25`.`_first` = `t26`.`_ford`
                ) AS `t28`
                  ON `t22`.`_ord` = `t28`.`_vord`
              ) AS `t29`
            ) AS `t30`
          ) AS `t31`
        ) AS `t33`
          ON `t5`.`order_id` = `t33`.`order_id` AND `t5`.`line` = `t33`.`line`
      ) AS `t34`
    ) AS `t36`
      ON `t38`.`order_id` = `t36`.`_old_order_id` AND `t38`.`line` = `t36`.`_old_line`
  ) AS `t39`
) AS `t40`
;

WITH `t6` AS (
  SELECT
    `t5`.`_row`,
    `t5`.`_file`,
    `t5`.`_ord`,
    `t5`.`message_id`,
    `t5`.`type`,
    `t5`.`event`,
    `t5`.`user_id`,
    `t5`.`anonymous_id`,
    `t5`.`previous_id`,
    `t5`.`timestamp`,
    `t5`.`channel`,
    `t5`.`properties`,
    `t5`.`context`,
    `t5`.`traits`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_message_id` IS NOT NULL
      ), FALSE)
      THEN 'message_id'
      WHEN COALESCE(NOT (
        `t5`.`_s_type` IS NOT NULL
      ), FALSE)
      THEN 'type'
      WHEN COALESCE((
        `t5`.`_s_type` IS NOT NULL
      ) AND (
        `t5`.`type` IS NULL
      ), FALSE)
      THEN 'type'
      WHEN COALESCE(NOT (
        `t5`.`_s_timestamp` IS NOT NULL
      ), FALSE)
      THEN 'timestamp'
      WHEN COALESCE((
        `t5`.`_s_timestamp` IS NOT NULL
      ) AND (
        `t5`.`timestamp` IS NULL
      ), FALSE)
      THEN 'timestamp'
      WHEN COALESCE(TRUE AND (
        `t5`.`user_id` IS NULL
      ) AND (
        `t5`.`anonymous_id` IS NULL
      ), FALSE)
      THEN 'user_id or anonymous_id'
      WHEN COALESCE((
        `t5`.`type` = 'track'
      ) AND (
        `t5`.`event` IS NULL
      ), FALSE)
      THEN 'event'
      ELSE CAST(NULL AS STRING)
    END AS `_field`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_message_id` IS NOT NULL
      ), FALSE)
      THEN '\'messageId\' (message_id) is empty; it is required'
      WHEN COALESCE(NOT (
        `t5`.`_s_type` IS NOT NULL
      ), FALSE)
      THEN '\'type\' is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_type` IS NOT NULL
      ) AND (
        `t5`.`type` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'type\' is \'',
          SUBSTRING(`t5`.`_s_type`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_type`)), 60)
        ),
        '\'; expected one of track, identify, page, screen, group, alias'
      )
      WHEN COALESCE(NOT (
        `t5`.`_s_timestamp` IS NOT NULL
      ), FALSE)
      THEN '\'timestamp\' is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_timestamp` IS NOT NULL
      ) AND (
        `t5`.`timestamp` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'timestamp\' is \'',
          SUBSTRING(
            `t5`.`_s_timestamp`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_timestamp`)),
            60
          )
        ),
        '\'; expected a date-time (ISO 8601, e.g. 2025-03-01T14:05:00Z)'
      )
      WHEN COALESCE(TRUE AND (
        `t5`.`user_id` IS NULL
      ) AND (
        `t5`.`anonymous_id` IS NULL
      ), FALSE)
      THEN 'no person reference; expected at least one of user_id, anonymous_id'
      WHEN COALESCE((
        `t5`.`type` = 'track'
      ) AND (
        `t5`.`event` IS NULL
      ), FALSE)
      THEN 'a \'track\' call needs an \'event\' name'
      ELSE CAST(NULL AS STRING)
    END AS `_reason`,
    'events' AS `source`
  FROM (
    SELECT
      `t4`.`_row`,
      `t4`.`_file`,
      `t4`.`_ord`,
      `t4`.`_s_message_id`,
      `t4`.`_s_type`,
      `t4`.`_s_event`,
      `t4`.`_s_user_id`,
      `t4`.`_s_anonymous_id`,
      `t4`.`_s_previous_id`,
      `t4`.`_s_timestamp`,
      `t4`.`_s_channel`,
      `t4`.`_s_properties`,
      `t4`.`_s_context`,
      `t4`.`_s_traits`,
      `t4`.`_s_message_id` AS `message_id`,
      IF(
        LOWER(`t4`.`_s_type`) IN ('track', 'identify', 'page', 'screen', 'group', 'alias'),
        LOWER(`t4`.`_s_type`),
        CAST(NULL AS STRING)
      ) AS `type`,
      `t4`.`_s_event` AS `event`,
      `t4`.`_s_user_id` AS `user_id`,
      `t4`.`_s_anonymous_id` AS `anonymous_id`,
      `t4`.`_s_previous_id` AS `previous_id`,
      TRY_CAST(`t4`.`_s_timestamp` AS TIMESTAMP) AS `timestamp`,
      `t4`.`_s_channel` AS `channel`,
      `t4`.`_s_properties` AS `properties`,
      `t4`.`_s_context` AS `context`,
      `t4`.`_s_traits` AS `traits`
    FROM (
      SELECT
        `t1`.`_row`,
        `t1`.`_file`,
        (
          `t1`.`_file` * 4294967296
        ) + `t1`.`_row` AS `_ord`,
        NULLIF(REGEXP_REPLACE(`t1`.`messageId`, '^\\s+|\\s+$', ''), '') AS `_s_message_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`type`, '^\\s+|\\s+$', ''), '') AS `_s_type`,
        NULLIF(REGEXP_REPLACE(`t1`.`event`, '^\\s+|\\s+$', ''), '') AS `_s_event`,
        NULLIF(REGEXP_REPLACE(`t1`.`userId`, '^\\s+|\\s+$', ''), '') AS `_s_user_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`anonymousId`, '^\\s+|\\s+$', ''), '') AS `_s_anonymous_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`previousId`, '^\\s+|\\s+$', ''), '') AS `_s_previous_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`timestamp`, '^\\s+|\\s+$', ''), '') AS `_s_timestamp`,
        NULLIF(REGEXP_REPLACE(`t1`.`channel`, '^\\s+|\\s+$', ''), '') AS `_s_channel`,
        NULLIF(REGEXP_REPLACE(`t1`.`properties`, '^\\s+|\\s+$', ''), '') AS `_s_properties`,
        NULLIF(REGEXP_REPLACE(`t1`.`context`, '^\\s+|\\s+$', ''), '') AS `_s_context`,
        NULLIF(REGEXP_REPLACE(`t1`.`traits`, '^\\s+|\\s+$', ''), '') AS `_s_traits`
      FROM `ibis_table` AS `t1`
    ) AS `t4`
  ) AS `t5`
), `t13` AS (
  SELECT
    `t8`.`_row`,
    `t8`.`_file`,
    `t8`.`_ord`,
    `t8`.`message_id`,
    `t8`.`type`,
    `t8`.`event`,
    `t8`.`user_id`,
    `t8`.`anonymous_id`,
    `t8`.`previous_id`,
    `t8`.`timestamp`,
    `t8`.`channel`,
    `t8`.`properties`,
    `t8`.`context`,
    `t8`.`traits`,
    `t8`.`_field`,
    `t8`.`_reason`,
    `t8`.`source`,
    `t12`.`_k_message_id`,
    `t12`.`_n`,
    `t12`.`_first`
  FROM `t6` AS `t8`
  LEFT OUTER JOIN (
    SELECT
      `t10`.`message_id` AS `_k_message_id`,
      `t10`.`_n`,
      `t10`.`_first`
    FROM (
      SELECT
        `t9`.`message_id`,
        COUNT(*) AS `_n`,
        MIN(`t9`.`_ord`) AS `_first`
      FROM (
        SELECT
          *
        FROM `t6` AS `t7`
        WHERE
          `t7`.`_reason` IS NULL
      ) AS `t9`
      GROUP BY
        1
    ) AS `t10`
    WHERE
      `t10`.`_n` > 1
  ) AS `t12`
    ON `t8`.`message_id` = `t12`.`_k_message_id`
)
SELECT
  `t34`.`message_id`,
  `t34`.`type`,
  `t34`.`event`,
  `t34`.`user_id`,
  `t34`.`anonymous_id`,
  `t34`.`previous_id`,
  `t34`.`timestamp`,
  `t34`.`channel`,
  `t34`.`properties`,
  `t34`.`context`,
  `t34`.`traits`,
  `t34`.`source`,
  `t34`.`_row`,
  `t34`.`_file`,
  `t34`.`_ord`,
  IF(`t34`.`_clash`, 'message_id', `t34`.`_field`) AS `_field`,
  IF(
    `t34`.`_clash`,
    CONCAT(
      'the key (message_id) ',
      'is already loaded with different values; corrections to loaded rows are not applied'
    ),
    `t34`.`_reason`
  ) AS `_reason`,
  IF(`t34`.`_clash`, 'conflict', `t34`.`_status`) AS `_status`
FROM (
  SELECT
    `t33`.`_row`,
    `t33`.`_file`,
    `t33`.`_ord`,
    `t33`.`message_id`,
    `t33`.`type`,
    `t33`.`event`,
    `t33`.`user_id`,
    `t33`.`anonymous_id`,
    `t33`.`previous_id`,
    `t33`.`timestamp`,
    `t33`.`channel`,
    `t33`.`properties`,
    `t33`.`context`,
    `t33`.`traits`,
    `t33`.`_field`,
    `t33`.`_reason`,
    `t33`.`source`,
    `t33`.`_first`,
    IF(
      (
        `t33`.`_status` = 'new'
      )
      AND (
        `t33`.`_found` IS NOT NULL
      )
      AND (
        `t33`.`message_id` IS NOT DISTINCT FROM `t33`.`_old_message_id`
        AND `t33`.`type` IS NOT DISTINCT FROM `t33`.`_old_type`
        AND `t33`.`event` IS NOT DISTINCT FROM `t33`.`_old_event`
        AND `t33`.`user_id` IS NOT DISTINCT FROM `t33`.`_old_user_id`
        AND `t33`.`anonymous_id` IS NOT DISTINCT FROM `t33`.`_old_anonymous_id`
        AND `t33`.`previous_id` IS NOT DISTINCT FROM `t33`.`_old_previous_id`
        AND `t33`.`timestamp` IS NOT DISTINCT FROM `t33`.`_old_timestamp`
        AND `t33`.`channel` IS NOT DISTINCT FROM `t33`.`_old_channel`
        AND `t33`.`properties` IS NOT DISTINCT FROM `t33`.`_old_properties`
        AND `t33`.`context` IS NOT DISTINCT FROM `t33`.`_old_context`
        AND `t33`.`traits` IS NOT DISTINCT FROM `t33`.`_old_traits`
        AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
      ),
      'duplicate',
      `t33`.`_status`
    ) AS `_status`,
    `t33`.`_old_message_id`,
    `t33`.`_old_type`,
    `t33`.`_old_event`,
    `t33`.`_old_user_id`,
    `t33`.`_old_anonymous_id`,
    `t33`.`_old_previous_id`,
    `t33`.`_old_timestamp`,
    `t33`.`_old_channel`,
    `t33`.`_old_properties`,
    `t33`.`_old_context`,
    `t33`.`_old_traits`,
    `t33`.`_old_source`,
    `t33`.`_found`,
    (
      `t33`.`_status` = 'new'
    )
    AND (
      `t33`.`_found` IS NOT NULL
    )
    AND NOT (
      `t33`.`message_id` IS NOT DISTINCT FROM `t33`.`_old_message_id`
      AND `t33`.`type` IS NOT DISTINCT FROM `t33`.`_old_type`
      AND `t33`.`event` IS NOT DISTINCT FROM `t33`.`_old_event`
      AND `t33`.`user_id` IS NOT DISTINCT FROM `t33`.`_old_user_id`
      AND `t33`.`anonymous_id` IS NOT DISTINCT FROM `t33`.`_old_anonymous_id`
      AND `t33`.`previous_id` IS NOT DISTINCT FROM `t33`.`_old_previous_id`
      AND `t33`.`timestamp` IS NOT DISTINCT FROM `t33`.`_old_timestamp`
      AND `t33`.`channel` IS NOT DISTINCT FROM `t33`.`_old_channel`
      AND `t33`.`properties` IS NOT DISTINCT FROM `t33`.`_old_properties`
      AND `t33`.`context` IS NOT DISTINCT FROM `t33`.`_old_context`
      AND `t33`.`traits` IS NOT DISTINCT FROM `t33`.`_old_traits`
      AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
    ) AS `_clash`
  FROM (
    SELECT
      `t32`.`_row`,
      `t32`.`_file`,
      `t32`.`_ord`,
      `t32`.`message_id`,
      `t32`.`type`,
      `t32`.`event`,
      `t32`.`user_id`,
      `t32`.`anonymous_id`,
      `t32`.`previous_id`,
      `t32`.`timestamp`,
      `t32`.`channel`,
      `t32`.`properties`,
      `t32`.`context`,
      `t32`.`traits`,
      `t32`.`_field`,
      `t32`.`_reason`,
      `t32`.`source`,
      `t32`.`_first`,
      `t32`.`_status`,
      `t30`.`_old_message_id`,
      `t30`.`_old_type`,
      `t30`.`_old_event`,
      `t30`.`_old_user_id`,
      `t30`.`_old_anonymous_id`,
      `t30`.`_old_previous_id`,
      `t30`.`_old_timestamp`,
      `t30`.`_old_channel`,
      `t30`.`_old_properties`,
      `t30`.`_old_context`,
      `t30`.`_old_traits`,
      `t30`.`_old_source`,
      `t30`.`_found`
    FROM (
      SELECT
        `t25`.`_row`,
        `t25`.`_file`,
        `t25`.`_ord`,
        `t25`.`message_id`,
        `t25`.`type`,
        `t25`.`event`,
        `t25`.`user_id`,
        `t25`.`anonymous_id`,
        `t25`.`previous_id`,
        `t25`.`timestamp`,
        `t25`.`channel`,
        `t25`.`properties`,
        `t25`.`context`,
        `t25`.`traits`,
        IF(`t25`.`_status` = 'conflict', 'message_id', `t25`.`_field`) AS `_field`,
        IF(
          `t25`.`_status` = 'conflict',
          CONCAT(
            'the key (message_id) ',
            CONCAT(
              CONCAT(
                CONCAT(CONCAT('repeats row ', CAST(`t25`.`_first` % 4294967296 AS STRING)), ' of '),
                CASE
                  WHEN CAST(FLOOR((
                    `t25`.`_first`
                  ) / (
                    4294967296
                  )) AS BIGINT) = 0
                  THEN 'data/events.jsonl'
                  ELSE '?'
                END
              ),
              ' with different values'
            )
          ),
          `t25`.`_reason`
        ) AS `_reason`,
        `t25`.`source`,
        `t25`.`_first`,
        IF(`t25`.`_status` = 'conflict', 'conflict', `t25`.`_status`) AS `_status`
      FROM (
        SELECT
          `t24`.`_row`,
          `t24`.`_file`,
          `t24`.`_ord`,
          `t24`.`message_id`,
          `t24`.`type`,
          `t24`.`event`,
          `t24`.`user_id`,
          `t24`.`anonymous_id`,
          `t24`.`previous_id`,
          `t24`.`timestamp`,
          `t24`.`channel`,
          `t24`.`properties`,
          `t24`.`context`,
          `t24`.`traits`,
          `t24`.`_field`,
          `t24`.`_reason`,
          `t24`.`source`,
          `t24`.`_first`,
          `t24`.`_status`
        FROM (
          SELECT
            `t23`.`_row`,
            `t23`.`_file`,
            `t23`.`_ord`,
            `t23`.`message_id`,
            `t23`.`type`,
            `t23`.`event`,
            `t23`.`user_id`,
            `t23`.`anonymous_id`,
            `t23`.`previous_id`,
            `t23`.`timestamp`,
            `t23`.`channel`,
            `t23`.`properties`,
            `t23`.`context`,
            `t23`.`traits`,
            `t23`.`_field`,
            `t23`.`_reason`,
            `t23`.`source`,
            `t23`.`_k_message_id`,
            `t23`.`_n`,
            `t23`.`_first`,
            `t23`.`_ok`,
            `t23`.`_vord`,
            `t23`.`_same`,
            CASE
              WHEN NOT (
                `t23`.`_ok`
              )
              THEN 'bad'
              WHEN `t23`.`_ord` = `t23`.`_first`
              THEN 'new'
              WHEN `t23`.`_same`
              THEN 'duplicate'
              ELSE 'conflict'
            END AS `_status`
          FROM (
            SELECT
              `t16`.`_row`,
              `t16`.`_file`,
              `t16`.`_ord`,
              `t16`.`message_id`,
              `t16`.`type`,
              `t16`.`event`,
              `t16`.`user_id`,
              `t16`.`anonymous_id`,
              `t16`.`previous_id`,
              `t16`.`timestamp`,
              `t16`.`channel`,
              `t16`.`properties`,
              `t16`.`context`,
              `t16`.`traits`,
              `t16`.`_field`,
              `t16`.`_reason`,
              `t16`.`source`,
              `t16`.`_k_message_id`,
              `t16`.`_n`,
              `t16`.`_first`,
              `t16`.`_ok`,
              `t22`.`_vord`,
              `t22`.`_same`
            FROM (
              SELECT
                `t14`.`_row`,
                `t14`.`_file`,
                `t14`.`_ord`,
                `t14`.`message_id`,
                `t14`.`type`,
                `t14`.`event`,
                `t14`.`user_id`,
                `t14`.`anonymous_id`,
                `t14`.`previous_id`,
                `t14`.`timestamp`,
                `t14`.`channel`,
                `t14`.`properties`,
                `t14`.`context`,
                `t14`.`traits`,
                `t14`.`_field`,
                `t14`.`_reason`,
                `t14`.`source`,
                `t14`.`_k_message_id`,
                COALESCE(`t14`.`_n`, 1) AS `_n`,
                IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                `t14`.`_reason` IS NULL AS `_ok`
              FROM `t13` AS `t14`
            ) AS `t16`
            LEFT OUTER JOIN (
              SELECT
                `t19`.`_ord` AS `_vord`,
                `t19`.`message_id` IS NOT DISTINCT FROM `t20`.`_f_message_id`
                AND `t19`.`type` IS NOT DISTINCT FROM `t20`.`_f_type`
                AND `t19`.`event` IS NOT DISTINCT FROM `t20`.`_f_event`
                AND `t19`.`user_id` IS NOT DISTINCT FROM `t20`.`_f_user_id`
                AND `t19`.`anonymous_id` IS NOT DISTINCT FROM `t20`.`_f_anonymous_id`
                AND `t19`.`previous_id` IS NOT DISTINCT FROM `t20`.`_f_previous_id`
                AND `t19`.`timestamp` IS NOT DISTINCT FROM `t20`.`_f_timestamp`
                AND `t19`.`channel` IS NOT DISTINCT FROM `t20`.`_f_channel`
                AND `t19`.`properties` IS NOT DISTINCT FROM `t20`.`_f_properties`
                AND `t19`.`context` IS NOT DISTINCT FROM `t20`.`_f_context`
                AND `t19`.`traits` IS NOT DISTINCT FROM `t20`.`_f_traits`
                AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
              FROM (
                SELECT
                  `t14`.`_row`,
                  `t14`.`_file`,
                  `t14`.`_ord`,
                  `t14`.`message_id`,
                  `t14`.`type`,
                  `t14`.`event`,
                  `t14`.`user_id`,
                  `t14`.`anonymous_id`,
                  `t14`.`previous_id`,
                  `t14`.`timestamp`,
                  `t14`.`channel`,
                  `t14`.`properties`,
                  `t14`.`context`,
                  `t14`.`traits`,
                  `t14`.`_field`,
                  `t14`.`_reason`,
                  `t14`.`source`,
                  `t14`.`_k_message_id`,
                  COALESCE(`t14`.`_n`, 1) AS `_n`,
                  IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                  `t14`.`_reason` IS NULL AS `_ok`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t19`
              INNER JOIN (
                SELECT
                  `t14`.`_ord` AS `_ford`,
                  `t14`.`message_id` AS `_f_message_id`,
                  `t14`.`type` AS `_f_type`,
                  `t14`.`event` AS `_f_event`,
                  `t14`.`user_id` AS `_f_user_id`,
                  `t14`.`anonymous_id` AS `_f_anonymous_id`,
                  `t14`.`previous_id` AS `_f_previous_id`,
                  `t14`.`timestamp` AS `_f_timestamp`,
                  `t14`.`channel` AS `_f_channel`,
                  `t14`.`properties` AS `_f_properties`,
                  `t14`.`context` AS `_f_context`,
                  `t14`.`traits` AS `_f_traits`,
                  `t14`.`source` AS `_f_source`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t20`
                ON `t19`.`_first` = `t20`.`_ford`
            ) AS `t22`
              ON `t16`.`_ord` = `t22`.`_vord`
          ) AS `t23`
        ) AS `t24`
      ) AS `t25`
    ) AS `t32`
    LEFT OUTER JOIN (
      SELECT
        `t28`.`message_id` AS `_old_message_id`,
        `t28`.`type` AS `_old_type`,
        `t28`.`event` AS `_old_event`,
        `t28`.`user_id` AS `_old_user_id`,
        `t28`.`anonymous_id` AS `_old_anonymous_id`,
        `t28`.`previous_id` AS `_old_previous_id`,
        `t28`.`timestamp` AS `_old_timestamp`,
        `t28`.`channel` AS `_old_channel`,
        `t28`.`properties` AS `_old_properties`,
        `t28`.`context` AS `_old_context`,
        `t28`.`traits` AS `_old_traits`,
        `t28`.`source` AS `_old_source`,
        TRUE AS `_found`
      FROM (
        SELECT
          `t3`.`message_id`,
          `t3`.`type`,
          `t3`.`event`,
          `t3`.`user_id`,
          `t3`.`anonymous_id`,
          `t3`.`previous_id`,
          `t3`.`timestamp`,
          `t3`.`channel`,
          `t3`.`properties`,
          `t3`.`context`,
          `t3`.`traits`,
          `t3`.`source`
        FROM (
          SELECT
            *
          FROM `events` AS `t0`
        ) AS `t3`
        LEFT SEMI JOIN (
          SELECT
            `t25`.`message_id`
          FROM (
            SELECT
              `t24`.`_row`,
              `t24`.`_file`,
              `t24`.`_ord`,
              `t24`.`message_id`,
              `t24`.`type`,
              `t24`.`event`,
              `t24`.`user_id`,
              `t24`.`anonymous_id`,
              `t24`.`previous_id`,
              `t24`.`timestamp`,
              `t24`.`channel`,
              `t24`.`properties`,
              `t24`.`context`,
              `t24`.`traits`,
              `t24`.`_field`,
              `t24`.`_reason`,
              `t24`.`source`,
              `t24`.`_first`,
              `t24`.`_status`
            FROM (
              SELECT
                `t23`.`_row`,
                `t23`.`_file`,
                `t23`.`_ord`,
                `t23`.`message_id`,
                `t23`.`type`,
                `t23`.`event`,
                `t23`.`user_id`,
                `t23`.`anonymous_id`,
                `t23`.`previous_id`,
                `t23`.`timestamp`,
                `t23`.`channel`,
                `t23`.`properties`,
                `t23`.`context`,
                `t23`.`traits`,
                `t23`.`_field`,
                `t23`.`_reason`,
                `t23`.`source`,
                `t23`.`_k_message_id`,
                `t23`.`_n`,
                `t23`.`_first`,
                `t23`.`_ok`,
                `t23`.`_vord`,
                `t23`.`_same`,
                CASE
                  WHEN NOT (
                    `t23`.`_ok`
                  )
                  THEN 'bad'
                  WHEN `t23`.`_ord` = `t23`.`_first`
                  THEN 'new'
                  WHEN `t23`.`_same`
                  THEN 'duplicate'
                  ELSE 'conflict'
                END AS `_status`
              FROM (
                SELECT
                  `t16`.`_row`,
                  `t16`.`_file`,
                  `t16`.`_ord`,
                  `t16`.`message_id`,
                  `t16`.`type`,
                  `t16`.`event`,
                  `t16`.`user_id`,
                  `t16`.`anonymous_id`,
                  `t16`.`previous_id`,
                  `t16`.`timestamp`,
                  `t16`.`channel`,
                  `t16`.`properties`,
                  `t16`.`context`,
                  `t16`.`traits`,
                  `t16`.`_field`,
                  `t16`.`_reason`,
                  `t16`.`source`,
                  `t16`.`_k_message_id`,
                  `t16`.`_n`,
                  `t16`.`_first`,
                  `t16`.`_ok`,
                  `t22`.`_vord`,
                  `t22`.`_same`
                FROM (
                  SELECT
                    `t14`.`_row`,
                    `t14`.`_file`,
                    `t14`.`_ord`,
                    `t14`.`message_id`,
                    `t14`.`type`,
                    `t14`.`event`,
                    `t14`.`user_id`,
                    `t14`.`anonymous_id`,
                    `t14`.`previous_id`,
                    `t14`.`timestamp`,
                    `t14`.`channel`,
                    `t14`.`properties`,
                    `t14`.`context`,
                    `t14`.`traits`,
                    `t14`.`_field`,
                    `t14`.`_reason`,
                    `t14`.`source`,
                    `t14`.`_k_message_id`,
                    COALESCE(`t14`.`_n`, 1) AS `_n`,
                    IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                    `t14`.`_reason` IS NULL AS `_ok`
                  FROM `t13` AS `t14`
                ) AS `t16`
                LEFT OUTER JOIN (
                  SELECT
                    `t19`.`_ord` AS `_vord`,
                    `t19`.`message_id` IS NOT DISTINCT FROM `t20`.`_f_message_id`
                    AND `t19`.`type` IS NOT DISTINCT FROM `t20`.`_f_type`
                    AND `t19`.`event` IS NOT DISTINCT FROM `t20`.`_f_event`
                    AND `t19`.`user_id` IS NOT DISTINCT FROM `t20`.`_f_user_id`
                    AND `t19`.`anonymous_id` IS NOT DISTINCT FROM `t20`.`_f_anonymous_id`
                    AND `t19`.`previous_id` IS NOT DISTINCT FROM `t20`.`_f_previous_id`
                    AND `t19`.`timestamp` IS NOT DISTINCT FROM `t20`.`_f_timestamp`
                    AND `t19`.`channel` IS NOT DISTINCT FROM `t20`.`_f_channel`
                    AND `t19`.`properties` IS NOT DISTINCT FROM `t20`.`_f_properties`
                    AND `t19`.`context` IS NOT DISTINCT FROM `t20`.`_f_context`
                    AND `t19`.`traits` IS NOT DISTINCT FROM `t20`.`_f_traits`
                    AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
                  FROM (
                    SELECT
                      `t14`.`_row`,
                      `t14`.`_file`,
                      `t14`.`_ord`,
                      `t14`.`message_id`,
                      `t14`.`type`,
                      `t14`.`event`,
                      `t14`.`user_id`,
                      `t14`.`anonymous_id`,
                      `t14`.`previous_id`,
                      `t14`.`timestamp`,
                      `t14`.`channel`,
                      `t14`.`properties`,
                      `t14`.`context`,
                      `t14`.`traits`,
                      `t14`.`_field`,
                      `t14`.`_reason`,
                      `t14`.`source`,
                      `t14`.`_k_message_id`,
                      COALESCE(`t14`.`_n`, 1) AS `_n`,
                      IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                      `t14`.`_reason` IS NULL AS `_ok`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t19`
                  INNER JOIN (
                    SELECT
                      `t14`.`_ord` AS `_ford`,
                      `t14`.`message_id` AS `_f_message_id`,
                      `t14`.`type` AS `_f_type`,
                      `t14`.`event` AS `_f_event`,
                      `t14`.`user_id` AS `_f_user_id`,
                      `t14`.`anonymous_id` AS `_f_anonymous_id`,
                      `t14`.`previous_id` AS `_f_previous_id`,
                      `t14`.`timestamp` AS `_f_timestamp`,
                      `t14`.`channel` AS `_f_channel`,
                      `t14`.`properties` AS `_f_properties`,
                      `t14`.`context` AS `_f_context`,
                      `t14`.`traits` AS `_f_traits`,
                      `t14`.`source` AS `_f_source`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t20`
                    ON `t19`.`_first` = `t20`.`_ford`
                ) AS `t22`
                  ON `t16`.`_ord` = `t22`.`_vord`
              ) AS `t23`
            ) AS `t24`
          ) AS `t25`
        ) AS `t27`
          ON `t3`.`message_id` = `t27`.`message_id`
      ) AS `t28`
    ) AS `t30`
      ON `t32`.`message_id` = `t30`.`_old_message_id`
  ) AS `t33`
) AS `t34`
;

WITH `t6` AS (
  SELECT
    `t5`.`_row`,
    `t5`.`_file`,
    `t5`.`_ord`,
    `t5`.`ticket_id`,
    CAST(NULL AS STRING) AS `contact_id`,
    CAST(NULL AS STRING) AS `user_id`,
    `t5`.`email`,
    CAST(NULL AS STRING) AS `loyalty_id`,
    `t5`.`opened_at`,
    `t5`.`channel`,
    `t5`.`subject`,
    `t5`.`body`,
    `t5`.`resolved_at`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_ticket_id` IS NOT NULL
      ), FALSE)
      THEN 'ticket_id'
      WHEN COALESCE((
        `t5`.`_s_email` IS NOT NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN 'email'
      WHEN COALESCE(NOT (
        `t5`.`_s_opened_at` IS NOT NULL
      ), FALSE)
      THEN 'opened_at'
      WHEN COALESCE((
        `t5`.`_s_opened_at` IS NOT NULL
      ) AND (
        `t5`.`opened_at` IS NULL
      ), FALSE)
      THEN 'opened_at'
      WHEN COALESCE(
        (
          `t5`.`_s_resolved_at` IS NOT NULL
        ) AND (
          `t5`.`resolved_at` IS NULL
        ),
        FALSE
      )
      THEN 'resolved_at'
      WHEN COALESCE(TRUE AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN 'email'
      ELSE CAST(NULL AS STRING)
    END AS `_field`,
    CASE
      WHEN COALESCE(NOT (
        `t5`.`_s_ticket_id` IS NOT NULL
      ), FALSE)
      THEN '\'ticket_id\' is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_email` IS NOT NULL
      ) AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'email\' is \'',
          SUBSTRING(`t5`.`_s_email`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_email`)), 60)
        ),
        '\'; expected an email address like name@example.com'
      )
      WHEN COALESCE(NOT (
        `t5`.`_s_opened_at` IS NOT NULL
      ), FALSE)
      THEN '\'opened_at\' is empty; it is required'
      WHEN COALESCE((
        `t5`.`_s_opened_at` IS NOT NULL
      ) AND (
        `t5`.`opened_at` IS NULL
      ), FALSE)
      THEN CONCAT(
        CONCAT(
          '\'opened_at\' is \'',
          SUBSTRING(
            `t5`.`_s_opened_at`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_opened_at`)),
            60
          )
        ),
        '\'; expected a date-time (ISO 8601, e.g. 2025-03-01T14:05:00Z)'
      )
      WHEN COALESCE(
        (
          `t5`.`_s_resolved_at` IS NOT NULL
        ) AND (
          `t5`.`resolved_at` IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'resolved_at\' is \'',
          SUBSTRING(
            `t5`.`_s_resolved_at`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t5`.`_s_resolved_at`)),
            60
          )
        ),
        '\'; expected a date-time (ISO 8601, e.g. 2025-03-01T14:05:00Z)'
      )
      WHEN COALESCE(TRUE AND (
        `t5`.`email` IS NULL
      ), FALSE)
      THEN 'no person reference; expected at least one of contact_id, user_id, email, loyalty_id'
      ELSE CAST(NULL AS STRING)
    END AS `_reason`,
    'tickets' AS `source`
  FROM (
    SELECT
      `t4`.`_row`,
      `t4`.`_file`,
      `t4`.`_ord`,
      `t4`.`_s_ticket_id`,
      `t4`.`_s_email`,
      `t4`.`_s_opened_at`,
      `t4`.`_s_channel`,
      `t4`.`_s_subject`,
      `t4`.`_s_body`,
      `t4`.`_s_resolved_at`,
      `t4`.`_s_ticket_id` AS `ticket_id`,
      IF(
        LOWER(`t4`.`_s_email`) RLIKE '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
        LOWER(`t4`.`_s_email`),
        CAST(NULL AS STRING)
      ) AS `email`,
      TRY_CAST(`t4`.`_s_opened_at` AS TIMESTAMP) AS `opened_at`,
      `t4`.`_s_channel` AS `channel`,
      `t4`.`_s_subject` AS `subject`,
      `t4`.`_s_body` AS `body`,
      TRY_CAST(`t4`.`_s_resolved_at` AS TIMESTAMP) AS `resolved_at`
    FROM (
      SELECT
        `t1`.`_row`,
        `t1`.`_file`,
        (
          `t1`.`_file` * 4294967296
        ) + `t1`.`_row` AS `_ord`,
        NULLIF(REGEXP_REPLACE(`t1`.`ticket_id`, '^\\s+|\\s+$', ''), '') AS `_s_ticket_id`,
        NULLIF(REGEXP_REPLACE(`t1`.`email`, '^\\s+|\\s+$', ''), '') AS `_s_email`,
        NULLIF(REGEXP_REPLACE(`t1`.`opened_at`, '^\\s+|\\s+$', ''), '') AS `_s_opened_at`,
        NULLIF(REGEXP_REPLACE(`t1`.`channel`, '^\\s+|\\s+$', ''), '') AS `_s_channel`,
        NULLIF(REGEXP_REPLACE(`t1`.`subject`, '^\\s+|\\s+$', ''), '') AS `_s_subject`,
        NULLIF(REGEXP_REPLACE(`t1`.`body`, '^\\s+|\\s+$', ''), '') AS `_s_body`,
        NULLIF(REGEXP_REPLACE(`t1`.`resolved_at`, '^\\s+|\\s+$', ''), '') AS `_s_resolved_at`
      FROM `ibis_table` AS `t1`
    ) AS `t4`
  ) AS `t5`
), `t13` AS (
  SELECT
    `t8`.`_row`,
    `t8`.`_file`,
    `t8`.`_ord`,
    `t8`.`ticket_id`,
    `t8`.`contact_id`,
    `t8`.`user_id`,
    `t8`.`email`,
    `t8`.`loyalty_id`,
    `t8`.`opened_at`,
    `t8`.`channel`,
    `t8`.`subject`,
    `t8`.`body`,
    `t8`.`resolved_at`,
    `t8`.`_field`,
    `t8`.`_reason`,
    `t8`.`source`,
    `t12`.`_k_ticket_id`,
    `t12`.`_n`,
    `t12`.`_first`
  FROM `t6` AS `t8`
  LEFT OUTER JOIN (
    SELECT
      `t10`.`ticket_id` AS `_k_ticket_id`,
      `t10`.`_n`,
      `t10`.`_first`
    FROM (
      SELECT
        `t9`.`ticket_id`,
        COUNT(*) AS `_n`,
        MIN(`t9`.`_ord`) AS `_first`
      FROM (
        SELECT
          *
        FROM `t6` AS `t7`
        WHERE
          `t7`.`_reason` IS NULL
      ) AS `t9`
      GROUP BY
        1
    ) AS `t10`
    WHERE
      `t10`.`_n` > 1
  ) AS `t12`
    ON `t8`.`ticket_id` = `t12`.`_k_ticket_id`
)
SELECT
  `t34`.`ticket_id`,
  `t34`.`contact_id`,
  `t34`.`user_id`,
  `t34`.`email`,
  `t34`.`loyalty_id`,
  `t34`.`opened_at`,
  `t34`.`channel`,
  `t34`.`subject`,
  `t34`.`body`,
  `t34`.`resolved_at`,
  `t34`.`source`,
  `t34`.`_row`,
  `t34`.`_file`,
  `t34`.`_ord`,
  IF(`t34`.`_clash`, 'ticket_id', `t34`.`_field`) AS `_field`,
  IF(
    `t34`.`_clash`,
    CONCAT(
      'the key (ticket_id) ',
      'is already loaded with different values; corrections to loaded rows are not applied'
    ),
    `t34`.`_reason`
  ) AS `_reason`,
  IF(`t34`.`_clash`, 'conflict', `t34`.`_status`) AS `_status`
FROM (
  SELECT
    `t33`.`_row`,
    `t33`.`_file`,
    `t33`.`_ord`,
    `t33`.`ticket_id`,
    `t33`.`contact_id`,
    `t33`.`user_id`,
    `t33`.`email`,
    `t33`.`loyalty_id`,
    `t33`.`opened_at`,
    `t33`.`channel`,
    `t33`.`subject`,
    `t33`.`body`,
    `t33`.`resolved_at`,
    `t33`.`_field`,
    `t33`.`_reason`,
    `t33`.`source`,
    `t33`.`_first`,
    IF(
      (
        `t33`.`_status` = 'new'
      )
      AND (
        `t33`.`_found` IS NOT NULL
      )
      AND (
        `t33`.`ticket_id` IS NOT DISTINCT FROM `t33`.`_old_ticket_id`
        AND `t33`.`contact_id` IS NOT DISTINCT FROM `t33`.`_old_contact_id`
        AND `t33`.`user_id` IS NOT DISTINCT FROM `t33`.`_old_user_id`
        AND `t33`.`email` IS NOT DISTINCT FROM `t33`.`_old_email`
        AND `t33`.`loyalty_id` IS NOT DISTINCT FROM `t33`.`_old_loyalty_id`
        AND `t33`.`opened_at` IS NOT DISTINCT FROM `t33`.`_old_opened_at`
        AND `t33`.`channel` IS NOT DISTINCT FROM `t33`.`_old_channel`
        AND `t33`.`subject` IS NOT DISTINCT FROM `t33`.`_old_subject`
        AND `t33`.`body` IS NOT DISTINCT FROM `t33`.`_old_body`
        AND `t33`.`resolved_at` IS NOT DISTINCT FROM `t33`.`_old_resolved_at`
        AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
      ),
      'duplicate',
      `t33`.`_status`
    ) AS `_status`,
    `t33`.`_old_ticket_id`,
    `t33`.`_old_contact_id`,
    `t33`.`_old_user_id`,
    `t33`.`_old_email`,
    `t33`.`_old_loyalty_id`,
    `t33`.`_old_opened_at`,
    `t33`.`_old_channel`,
    `t33`.`_old_subject`,
    `t33`.`_old_body`,
    `t33`.`_old_resolved_at`,
    `t33`.`_old_source`,
    `t33`.`_found`,
    (
      `t33`.`_status` = 'new'
    )
    AND (
      `t33`.`_found` IS NOT NULL
    )
    AND NOT (
      `t33`.`ticket_id` IS NOT DISTINCT FROM `t33`.`_old_ticket_id`
      AND `t33`.`contact_id` IS NOT DISTINCT FROM `t33`.`_old_contact_id`
      AND `t33`.`user_id` IS NOT DISTINCT FROM `t33`.`_old_user_id`
      AND `t33`.`email` IS NOT DISTINCT FROM `t33`.`_old_email`
      AND `t33`.`loyalty_id` IS NOT DISTINCT FROM `t33`.`_old_loyalty_id`
      AND `t33`.`opened_at` IS NOT DISTINCT FROM `t33`.`_old_opened_at`
      AND `t33`.`channel` IS NOT DISTINCT FROM `t33`.`_old_channel`
      AND `t33`.`subject` IS NOT DISTINCT FROM `t33`.`_old_subject`
      AND `t33`.`body` IS NOT DISTINCT FROM `t33`.`_old_body`
      AND `t33`.`resolved_at` IS NOT DISTINCT FROM `t33`.`_old_resolved_at`
      AND `t33`.`source` IS NOT DISTINCT FROM `t33`.`_old_source`
    ) AS `_clash`
  FROM (
    SELECT
      `t32`.`_row`,
      `t32`.`_file`,
      `t32`.`_ord`,
      `t32`.`ticket_id`,
      `t32`.`contact_id`,
      `t32`.`user_id`,
      `t32`.`email`,
      `t32`.`loyalty_id`,
      `t32`.`opened_at`,
      `t32`.`channel`,
      `t32`.`subject`,
      `t32`.`body`,
      `t32`.`resolved_at`,
      `t32`.`_field`,
      `t32`.`_reason`,
      `t32`.`source`,
      `t32`.`_first`,
      `t32`.`_status`,
      `t30`.`_old_ticket_id`,
      `t30`.`_old_contact_id`,
      `t30`.`_old_user_id`,
      `t30`.`_old_email`,
      `t30`.`_old_loyalty_id`,
      `t30`.`_old_opened_at`,
      `t30`.`_old_channel`,
      `t30`.`_old_subject`,
      `t30`.`_old_body`,
      `t30`.`_old_resolved_at`,
      `t30`.`_old_source`,
      `t30`.`_found`
    FROM (
      SELECT
        `t25`.`_row`,
        `t25`.`_file`,
        `t25`.`_ord`,
        `t25`.`ticket_id`,
        `t25`.`contact_id`,
        `t25`.`user_id`,
        `t25`.`email`,
        `t25`.`loyalty_id`,
        `t25`.`opened_at`,
        `t25`.`channel`,
        `t25`.`subject`,
        `t25`.`body`,
        `t25`.`resolved_at`,
        IF(`t25`.`_status` = 'conflict', 'ticket_id', `t25`.`_field`) AS `_field`,
        IF(
          `t25`.`_status` = 'conflict',
          CONCAT(
            'the key (ticket_id) ',
            CONCAT(
              CONCAT(
                CONCAT(CONCAT('repeats row ', CAST(`t25`.`_first` % 4294967296 AS STRING)), ' of '),
                CASE
                  WHEN CAST(FLOOR((
                    `t25`.`_first`
                  ) / (
                    4294967296
                  )) AS BIGINT) = 0
                  THEN 'data/tickets.jsonl'
                  ELSE '?'
                END
              ),
              ' with different values'
            )
          ),
          `t25`.`_reason`
        ) AS `_reason`,
        `t25`.`source`,
        `t25`.`_first`,
        IF(`t25`.`_status` = 'conflict', 'conflict', `t25`.`_status`) AS `_status`
      FROM (
        SELECT
          `t24`.`_row`,
          `t24`.`_file`,
          `t24`.`_ord`,
          `t24`.`ticket_id`,
          `t24`.`contact_id`,
          `t24`.`user_id`,
          `t24`.`email`,
          `t24`.`loyalty_id`,
          `t24`.`opened_at`,
          `t24`.`channel`,
          `t24`.`subject`,
          `t24`.`body`,
          `t24`.`resolved_at`,
          `t24`.`_field`,
          `t24`.`_reason`,
          `t24`.`source`,
          `t24`.`_first`,
          `t24`.`_status`
        FROM (
          SELECT
            `t23`.`_row`,
            `t23`.`_file`,
            `t23`.`_ord`,
            `t23`.`ticket_id`,
            `t23`.`contact_id`,
            `t23`.`user_id`,
            `t23`.`email`,
            `t23`.`loyalty_id`,
            `t23`.`opened_at`,
            `t23`.`channel`,
            `t23`.`subject`,
            `t23`.`body`,
            `t23`.`resolved_at`,
            `t23`.`_field`,
            `t23`.`_reason`,
            `t23`.`source`,
            `t23`.`_k_ticket_id`,
            `t23`.`_n`,
            `t23`.`_first`,
            `t23`.`_ok`,
            `t23`.`_vord`,
            `t23`.`_same`,
            CASE
              WHEN NOT (
                `t23`.`_ok`
              )
              THEN 'bad'
              WHEN `t23`.`_ord` = `t23`.`_first`
              THEN 'new'
              WHEN `t23`.`_same`
              THEN 'duplicate'
              ELSE 'conflict'
            END AS `_status`
          FROM (
            SELECT
              `t16`.`_row`,
              `t16`.`_file`,
              `t16`.`_ord`,
              `t16`.`ticket_id`,
              `t16`.`contact_id`,
              `t16`.`user_id`,
              `t16`.`email`,
              `t16`.`loyalty_id`,
              `t16`.`opened_at`,
              `t16`.`channel`,
              `t16`.`subject`,
              `t16`.`body`,
              `t16`.`resolved_at`,
              `t16`.`_field`,
              `t16`.`_reason`,
              `t16`.`source`,
              `t16`.`_k_ticket_id`,
              `t16`.`_n`,
              `t16`.`_first`,
              `t16`.`_ok`,
              `t22`.`_vord`,
              `t22`.`_same`
            FROM (
              SELECT
                `t14`.`_row`,
                `t14`.`_file`,
                `t14`.`_ord`,
                `t14`.`ticket_id`,
                `t14`.`contact_id`,
                `t14`.`user_id`,
                `t14`.`email`,
                `t14`.`loyalty_id`,
                `t14`.`opened_at`,
                `t14`.`channel`,
                `t14`.`subject`,
                `t14`.`body`,
                `t14`.`resolved_at`,
                `t14`.`_field`,
                `t14`.`_reason`,
                `t14`.`source`,
                `t14`.`_k_ticket_id`,
                COALESCE(`t14`.`_n`, 1) AS `_n`,
                IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                `t14`.`_reason` IS NULL AS `_ok`
              FROM `t13` AS `t14`
            ) AS `t16`
            LEFT OUTER JOIN (
              SELECT
                `t19`.`_ord` AS `_vord`,
                `t19`.`ticket_id` IS NOT DISTINCT FROM `t20`.`_f_ticket_id`
                AND `t19`.`contact_id` IS NOT DISTINCT FROM `t20`.`_f_contact_id`
                AND `t19`.`user_id` IS NOT DISTINCT FROM `t20`.`_f_user_id`
                AND `t19`.`email` IS NOT DISTINCT FROM `t20`.`_f_email`
                AND `t19`.`loyalty_id` IS NOT DISTINCT FROM `t20`.`_f_loyalty_id`
                AND `t19`.`opened_at` IS NOT DISTINCT FROM `t20`.`_f_opened_at`
                AND `t19`.`channel` IS NOT DISTINCT FROM `t20`.`_f_channel`
                AND `t19`.`subject` IS NOT DISTINCT FROM `t20`.`_f_subject`
                AND `t19`.`body` IS NOT DISTINCT FROM `t20`.`_f_body`
                AND `t19`.`resolved_at` IS NOT DISTINCT FROM `t20`.`_f_resolved_at`
                AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
              FROM (
                SELECT
                  `t14`.`_row`,
                  `t14`.`_file`,
                  `t14`.`_ord`,
                  `t14`.`ticket_id`,
                  `t14`.`contact_id`,
                  `t14`.`user_id`,
                  `t14`.`email`,
                  `t14`.`loyalty_id`,
                  `t14`.`opened_at`,
                  `t14`.`channel`,
                  `t14`.`subject`,
                  `t14`.`body`,
                  `t14`.`resolved_at`,
                  `t14`.`_field`,
                  `t14`.`_reason`,
                  `t14`.`source`,
                  `t14`.`_k_ticket_id`,
                  COALESCE(`t14`.`_n`, 1) AS `_n`,
                  IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                  `t14`.`_reason` IS NULL AS `_ok`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t19`
              INNER JOIN (
                SELECT
                  `t14`.`_ord` AS `_ford`,
                  `t14`.`ticket_id` AS `_f_ticket_id`,
                  `t14`.`contact_id` AS `_f_contact_id`,
                  `t14`.`user_id` AS `_f_user_id`,
                  `t14`.`email` AS `_f_email`,
                  `t14`.`loyalty_id` AS `_f_loyalty_id`,
                  `t14`.`opened_at` AS `_f_opened_at`,
                  `t14`.`channel` AS `_f_channel`,
                  `t14`.`subject` AS `_f_subject`,
                  `t14`.`body` AS `_f_body`,
                  `t14`.`resolved_at` AS `_f_resolved_at`,
                  `t14`.`source` AS `_f_source`
                FROM `t13` AS `t14`
                WHERE
                  `t14`.`_reason` IS NULL
                  AND COALESCE(`t14`.`_n`, 1) > 1
                  AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
              ) AS `t20`
                ON `t19`.`_first` = `t20`.`_ford`
            ) AS `t22`
              ON `t16`.`_ord` = `t22`.`_vord`
          ) AS `t23`
        ) AS `t24`
      ) AS `t25`
    ) AS `t32`
    LEFT OUTER JOIN (
      SELECT
        `t28`.`ticket_id` AS `_old_ticket_id`,
        `t28`.`contact_id` AS `_old_contact_id`,
        `t28`.`user_id` AS `_old_user_id`,
        `t28`.`email` AS `_old_email`,
        `t28`.`loyalty_id` AS `_old_loyalty_id`,
        `t28`.`opened_at` AS `_old_opened_at`,
        `t28`.`channel` AS `_old_channel`,
        `t28`.`subject` AS `_old_subject`,
        `t28`.`body` AS `_old_body`,
        `t28`.`resolved_at` AS `_old_resolved_at`,
        `t28`.`source` AS `_old_source`,
        TRUE AS `_found`
      FROM (
        SELECT
          `t3`.`ticket_id`,
          `t3`.`contact_id`,
          `t3`.`user_id`,
          `t3`.`email`,
          `t3`.`loyalty_id`,
          `t3`.`opened_at`,
          `t3`.`channel`,
          `t3`.`subject`,
          `t3`.`body`,
          `t3`.`resolved_at`,
          `t3`.`source`
        FROM (
          SELECT
            *
          FROM `tickets` AS `t0`
        ) AS `t3`
        LEFT SEMI JOIN (
          SELECT
            `t25`.`ticket_id`
          FROM (
            SELECT
              `t24`.`_row`,
              `t24`.`_file`,
              `t24`.`_ord`,
              `t24`.`ticket_id`,
              `t24`.`contact_id`,
              `t24`.`user_id`,
              `t24`.`email`,
              `t24`.`loyalty_id`,
              `t24`.`opened_at`,
              `t24`.`channel`,
              `t24`.`subject`,
              `t24`.`body`,
              `t24`.`resolved_at`,
              `t24`.`_field`,
              `t24`.`_reason`,
              `t24`.`source`,
              `t24`.`_first`,
              `t24`.`_status`
            FROM (
              SELECT
                `t23`.`_row`,
                `t23`.`_file`,
                `t23`.`_ord`,
                `t23`.`ticket_id`,
                `t23`.`contact_id`,
                `t23`.`user_id`,
                `t23`.`email`,
                `t23`.`loyalty_id`,
                `t23`.`opened_at`,
                `t23`.`channel`,
                `t23`.`subject`,
                `t23`.`body`,
                `t23`.`resolved_at`,
                `t23`.`_field`,
                `t23`.`_reason`,
                `t23`.`source`,
                `t23`.`_k_ticket_id`,
                `t23`.`_n`,
                `t23`.`_first`,
                `t23`.`_ok`,
                `t23`.`_vord`,
                `t23`.`_same`,
                CASE
                  WHEN NOT (
                    `t23`.`_ok`
                  )
                  THEN 'bad'
                  WHEN `t23`.`_ord` = `t23`.`_first`
                  THEN 'new'
                  WHEN `t23`.`_same`
                  THEN 'duplicate'
                  ELSE 'conflict'
                END AS `_status`
              FROM (
                SELECT
                  `t16`.`_row`,
                  `t16`.`_file`,
                  `t16`.`_ord`,
                  `t16`.`ticket_id`,
                  `t16`.`contact_id`,
                  `t16`.`user_id`,
                  `t16`.`email`,
                  `t16`.`loyalty_id`,
                  `t16`.`opened_at`,
                  `t16`.`channel`,
                  `t16`.`subject`,
                  `t16`.`body`,
                  `t16`.`resolved_at`,
                  `t16`.`_field`,
                  `t16`.`_reason`,
                  `t16`.`source`,
                  `t16`.`_k_ticket_id`,
                  `t16`.`_n`,
                  `t16`.`_first`,
                  `t16`.`_ok`,
                  `t22`.`_vord`,
                  `t22`.`_same`
                FROM (
                  SELECT
                    `t14`.`_row`,
                    `t14`.`_file`,
                    `t14`.`_ord`,
                    `t14`.`ticket_id`,
                    `t14`.`contact_id`,
                    `t14`.`user_id`,
                    `t14`.`email`,
                    `t14`.`loyalty_id`,
                    `t14`.`opened_at`,
                    `t14`.`channel`,
                    `t14`.`subject`,
                    `t14`.`body`,
                    `t14`.`resolved_at`,
                    `t14`.`_field`,
                    `t14`.`_reason`,
                    `t14`.`source`,
                    `t14`.`_k_ticket_id`,
                    COALESCE(`t14`.`_n`, 1) AS `_n`,
                    IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                    `t14`.`_reason` IS NULL AS `_ok`
                  FROM `t13` AS `t14`
                ) AS `t16`
                LEFT OUTER JOIN (
                  SELECT
                    `t19`.`_ord` AS `_vord`,
                    `t19`.`ticket_id` IS NOT DISTINCT FROM `t20`.`_f_ticket_id`
                    AND `t19`.`contact_id` IS NOT DISTINCT FROM `t20`.`_f_contact_id`
                    AND `t19`.`user_id` IS NOT DISTINCT FROM `t20`.`_f_user_id`
                    AND `t19`.`email` IS NOT DISTINCT FROM `t20`.`_f_email`
                    AND `t19`.`loyalty_id` IS NOT DISTINCT FROM `t20`.`_f_loyalty_id`
                    AND `t19`.`opened_at` IS NOT DISTINCT FROM `t20`.`_f_opened_at`
                    AND `t19`.`channel` IS NOT DISTINCT FROM `t20`.`_f_channel`
                    AND `t19`.`subject` IS NOT DISTINCT FROM `t20`.`_f_subject`
                    AND `t19`.`body` IS NOT DISTINCT FROM `t20`.`_f_body`
                    AND `t19`.`resolved_at` IS NOT DISTINCT FROM `t20`.`_f_resolved_at`
                    AND `t19`.`source` IS NOT DISTINCT FROM `t20`.`_f_source` AS `_same`
                  FROM (
                    SELECT
                      `t14`.`_row`,
                      `t14`.`_file`,
                      `t14`.`_ord`,
                      `t14`.`ticket_id`,
                      `t14`.`contact_id`,
                      `t14`.`user_id`,
                      `t14`.`email`,
                      `t14`.`loyalty_id`,
                      `t14`.`opened_at`,
                      `t14`.`channel`,
                      `t14`.`subject`,
                      `t14`.`body`,
                      `t14`.`resolved_at`,
                      `t14`.`_field`,
                      `t14`.`_reason`,
                      `t14`.`source`,
                      `t14`.`_k_ticket_id`,
                      COALESCE(`t14`.`_n`, 1) AS `_n`,
                      IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`) AS `_first`,
                      `t14`.`_reason` IS NULL AS `_ok`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` <> IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t19`
                  INNER JOIN (
                    SELECT
                      `t14`.`_ord` AS `_ford`,
                      `t14`.`ticket_id` AS `_f_ticket_id`,
                      `t14`.`contact_id` AS `_f_contact_id`,
                      `t14`.`user_id` AS `_f_user_id`,
                      `t14`.`email` AS `_f_email`,
                      `t14`.`loyalty_id` AS `_f_loyalty_id`,
                      `t14`.`opened_at` AS `_f_opened_at`,
                      `t14`.`channel` AS `_f_channel`,
                      `t14`.`subject` AS `_f_subject`,
                      `t14`.`body` AS `_f_body`,
                      `t14`.`resolved_at` AS `_f_resolved_at`,
                      `t14`.`source` AS `_f_source`
                    FROM `t13` AS `t14`
                    WHERE
                      `t14`.`_reason` IS NULL
                      AND COALESCE(`t14`.`_n`, 1) > 1
                      AND `t14`.`_ord` = IF(`t14`.`_reason` IS NULL, COALESCE(`t14`.`_first`, `t14`.`_ord`), `t14`.`_ord`)
                  ) AS `t20`
                    ON `t19`.`_first` = `t20`.`_ford`
                ) AS `t22`
                  ON `t16`.`_ord` = `t22`.`_vord`
              ) AS `t23`
            ) AS `t24`
          ) AS `t25`
        ) AS `t27`
          ON `t3`.`ticket_id` = `t27`.`ticket_id`
      ) AS `t28`
    ) AS `t30`
      ON `t32`.`ticket_id` = `t30`.`_old_ticket_id`
  ) AS `t33`
) AS `t34`
;

WITH `t5` AS (
  SELECT
    `t4`.`_row`,
    `t4`.`_file`,
    `t4`.`_ord`,
    `t4`.`_s_mention_id` AS `mention_id`,
    CAST(NULL AS STRING) AS `contact_id`,
    CAST(NULL AS STRING) AS `user_id`,
    IF(
      LOWER(`t4`.`_s_email`) RLIKE '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
      LOWER(`t4`.`_s_email`),
      CAST(NULL AS STRING)
    ) AS `email`,
    CAST(NULL AS STRING) AS `loyalty_id`,
    `t4`.`_s_platform` AS `platform`,
    `t4`.`_s_handle` AS `handle`,
    TRY_CAST(`t4`.`_s_posted_at` AS TIMESTAMP) AS `posted_at`,
    `t4`.`_s_text` AS `text`,
    CAST(NULL AS STRING) AS `url`,
    CASE
      WHEN COALESCE(NOT (
        `t4`.`_s_mention_id` IS NOT NULL
      ), FALSE)
      THEN 'mention_id'
      WHEN COALESCE(
        (
          `t4`.`_s_email` IS NOT NULL
        )
        AND (
          IF(
            LOWER(`t4`.`_s_email`) RLIKE '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
            LOWER(`t4`.`_s_email`),
            CAST(NULL AS STRING)
          ) IS NULL
        ),
        FALSE
      )
      THEN 'email'
      WHEN COALESCE(NOT (
        `t4`.`_s_platform` IS NOT NULL
      ), FALSE)
      THEN 'platform'
      WHEN COALESCE(NOT (
        `t4`.`_s_posted_at` IS NOT NULL
      ), FALSE)
      THEN 'posted_at'
      WHEN COALESCE(
        (
          `t4`.`_s_posted_at` IS NOT NULL
        )
        AND (
          TRY_CAST(`t4`.`_s_posted_at` AS TIMESTAMP) IS NULL
        ),
        FALSE
      )
      THEN 'posted_at'
      WHEN COALESCE(NOT (
        `t4`.`_s_text` IS NOT NULL
      ), FALSE)
      THEN 'text'
      ELSE CAST(NULL AS STRING)
    END AS `_field`,
    CASE
      WHEN COALESCE(NOT (
        `t4`.`_s_mention_id` IS NOT NULL
      ), FALSE)
      THEN '\'mention_id\' is empty; it is required'
      WHEN COALESCE(
        (
          `t4`.`_s_email` IS NOT NULL
        )
        AND (
          IF(
            LOWER(`t4`.`_s_email`) RLIKE '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
            LOWER(`t4`.`_s_email`),
            CAST(NULL AS STRING)
          ) IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'email\' is \'',
          SUBSTRING(`t4`.`_s_email`, IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t4`.`_s_email`)), 60)
        ),
        '\'; expected an email address like name@example.com'
      )
      WHEN COALESCE(NOT (
        `t4`.`_s_platform` IS NOT NULL
      ), FALSE)
      THEN '\'platform\' is empty; it is required'
      WHEN COALESCE(NOT (
        `t4`.`_s_posted_at` IS NOT NULL
      ), FALSE)
      THEN '\'posted_at\' is empty; it is required'
      WHEN COALESCE(
        (
          `t4`.`_s_posted_at` IS NOT NULL
        )
        AND (
          TRY_CAST(`t4`.`_s_posted_at` AS TIMESTAMP) IS NULL
        ),
        FALSE
      )
      THEN CONCAT(
        CONCAT(
          '\'posted_at\' is \'',
          SUBSTRING(
            `t4`.`_s_posted_at`,
            IF((
              0 + 1
            ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t4`.`_s_posted_at`)),
            60
          )
        ),
        '\'; expected a date-time (ISO 8601, e.g. 2025-03-01T14:05:00Z)'
      )
      WHEN COALESCE(NOT (
        `t4`.`_s_text` IS NOT NULL
      ), FALSE)
      THEN '\'text\' is empty; it is required'
      ELSE CAST(NULL AS STRING)
    END AS `_reason`,
    'mentions' AS `source`
  FROM (
    SELECT
      `t1`.`_row`,
      `t1`.`_file`,
      (
        `t1`.`_file` * 4294967296
      ) + `t1`.`_row` AS `_ord`,
      NULLIF(REGEXP_REPLACE(`t1`.`mention_id`, '^\\s+|\\s+$', ''), '') AS `_s_mention_id`,
      NULLIF(REGEXP_REPLACE(`t1`.`email`, '^\\s+|\\s+$', ''), '') AS `_s_email`,
      NULLIF(REGEXP_REPLACE(`t1`.`platform`, '^\\s+|\\s+$', ''), '') AS `_s_platform`,
      NULLIF(REGEXP_REPLACE(`t1`.`handle`, '^\\s+|\\s+$', ''), '') AS `_s_handle`,
      NULLIF(REGEXP_REPLACE(`t1`.`posted_at`, '^\\s+|\\s+$', ''), '') AS `_s_posted_at`,
      NULLIF(REGEXP_REPLACE(`t1`.`text`, '^\\s+|\\s+$', ''), '') AS `_s_text`
    FROM `ibis_table` AS `t1`
  ) AS `t4`
), `t12` AS (
  SELECT
    `t7`.`_row`,
    `t7`.`_file`,
    `t7`.`_ord`,
    `t7`.`mention_id`,
    `t7`.`contact_id`,
    `t7`.`user_id`,
    `t7`.`email`,
    `t7`.`loyalty_id`,
    `t7`.`platform`,
    `t7`.`handle`,
    `t7`.`posted_at`,
    `t7`.`text`,
    `t7`.`url`,
    `t7`.`_field`,
    `t7`.`_reason`,
    `t7`.`source`,
    `t11`.`_k_mention_id`,
    `t11`.`_n`,
    `t11`.`_first`
  FROM `t5` AS `t7`
  LEFT OUTER JOIN (
    SELECT
      `t9`.`mention_id` AS `_k_mention_id`,
      `t9`.`_n`,
      `t9`.`_first`
    FROM (
      SELECT
        `t8`.`mention_id`,
        COUNT(*) AS `_n`,
        MIN(`t8`.`_ord`) AS `_first`
      FROM (
        SELECT
          *
        FROM `t5` AS `t6`
        WHERE
          `t6`.`_reason` IS NULL
      ) AS `t8`
      GROUP BY
        1
    ) AS `t9`
    WHERE
      `t9`.`_n` > 1
  ) AS `t11`
    ON `t7`.`mention_id` = `t11`.`_k_mention_id`
)
SELECT
  `t33`.`mention_id`,
  `t33`.`contact_id`,
  `t33`.`user_id`,
  `t33`.`email`,
  `t33`.`loyalty_id`,
  `t33`.`platform`,
  `t33`.`handle`,
  `t33`.`posted_at`,
  `t33`.`text`,
  `t33`.`url`,
  `t33`.`source`,
  `t33`.`_row`,
  `t33`.`_file`,
  `t33`.`_ord`,
  IF(`t33`.`_clash`, 'mention_id', `t33`.`_field`) AS `_field`,
  IF(
    `t33`.`_clash`,
    CONCAT(
      'the key (mention_id) ',
      'is already loaded with different values; corrections to loaded rows are not applied'
    ),
    `t33`.`_reason`
  ) AS `_reason`,
  IF(`t33`.`_clash`, 'conflict', `t33`.`_status`) AS `_status`
FROM (
  SELECT
    `t32`.`_row`,
    `t32`.`_file`,
    `t32`.`_ord`,
    `t32`.`mention_id`,
    `t32`.`contact_id`,
    `t32`.`user_id`,
    `t32`.`email`,
    `t32`.`loyalty_id`,
    `t32`.`platform`,
    `t32`.`handle`,
    `t32`.`posted_at`,
    `t32`.`text`,
    `t32`.`url`,
    `t32`.`_field`,
    `t32`.`_reason`,
    `t32`.`source`,
    `t32`.`_first`,
    IF(
      (
        `t32`.`_status` = 'new'
      )
      AND (
        `t32`.`_found` IS NOT NULL
      )
      AND (
        `t32`.`mention_id` IS NOT DISTINCT FROM `t32`.`_old_mention_id`
        AND `t32`.`contact_id` IS NOT DISTINCT FROM `t32`.`_old_contact_id`
        AND `t32`.`user_id` IS NOT DISTINCT FROM `t32`.`_old_user_id`
        AND `t32`.`email` IS NOT DISTINCT FROM `t32`.`_old_email`
        AND `t32`.`loyalty_id` IS NOT DISTINCT FROM `t32`.`_old_loyalty_id`
        AND `t32`.`platform` IS NOT DISTINCT FROM `t32`.`_old_platform`
        AND `t32`.`handle` IS NOT DISTINCT FROM `t32`.`_old_handle`
        AND `t32`.`posted_at` IS NOT DISTINCT FROM `t32`.`_old_posted_at`
        AND `t32`.`text` IS NOT DISTINCT FROM `t32`.`_old_text`
        AND `t32`.`url` IS NOT DISTINCT FROM `t32`.`_old_url`
        AND `t32`.`source` IS NOT DISTINCT FROM `t32`.`_old_source`
      ),
      'duplicate',
      `t32`.`_status`
    ) AS `_status`,
    `t32`.`_old_mention_id`,
    `t32`.`_old_contact_id`,
    `t32`.`_old_user_id`,
    `t32`.`_old_email`,
    `t32`.`_old_loyalty_id`,
    `t32`.`_old_platform`,
    `t32`.`_old_handle`,
    `t32`.`_old_posted_at`,
    `t32`.`_old_text`,
    `t32`.`_old_url`,
    `t32`.`_old_source`,
    `t32`.`_found`,
    (
      `t32`.`_status` = 'new'
    )
    AND (
      `t32`.`_found` IS NOT NULL
    )
    AND NOT (
      `t32`.`mention_id` IS NOT DISTINCT FROM `t32`.`_old_mention_id`
      AND `t32`.`contact_id` IS NOT DISTINCT FROM `t32`.`_old_contact_id`
      AND `t32`.`user_id` IS NOT DISTINCT FROM `t32`.`_old_user_id`
      AND `t32`.`email` IS NOT DISTINCT FROM `t32`.`_old_email`
      AND `t32`.`loyalty_id` IS NOT DISTINCT FROM `t32`.`_old_loyalty_id`
      AND `t32`.`platform` IS NOT DISTINCT FROM `t32`.`_old_platform`
      AND `t32`.`handle` IS NOT DISTINCT FROM `t32`.`_old_handle`
      AND `t32`.`posted_at` IS NOT DISTINCT FROM `t32`.`_old_posted_at`
      AND `t32`.`text` IS NOT DISTINCT FROM `t32`.`_old_text`
      AND `t32`.`url` IS NOT DISTINCT FROM `t32`.`_old_url`
      AND `t32`.`source` IS NOT DISTINCT FROM `t32`.`_old_source`
    ) AS `_clash`
  FROM (
    SELECT
      `t31`.`_row`,
      `t31`.`_file`,
      `t31`.`_ord`,
      `t31`.`mention_id`,
      `t31`.`contact_id`,
      `t31`.`user_id`,
      `t31`.`email`,
      `t31`.`loyalty_id`,
      `t31`.`platform`,
      `t31`.`handle`,
      `t31`.`posted_at`,
      `t31`.`text`,
      `t31`.`url`,
      `t31`.`_field`,
      `t31`.`_reason`,
      `t31`.`source`,
      `t31`.`_first`,
      `t31`.`_status`,
      `t29`.`_old_mention_id`,
      `t29`.`_old_contact_id`,
      `t29`.`_old_user_id`,
      `t29`.`_old_email`,
      `t29`.`_old_loyalty_id`,
      `t29`.`_old_platform`,
      `t29`.`_old_handle`,
      `t29`.`_old_posted_at`,
      `t29`.`_old_text`,
      `t29`.`_old_url`,
      `t29`.`_old_source`,
      `t29`.`_found`
    FROM (
      SELECT
        `t24`.`_row`,
        `t24`.`_file`,
        `t24`.`_ord`,
        `t24`.`mention_id`,
        `t24`.`contact_id`,
        `t24`.`user_id`,
        `t24`.`email`,
        `t24`.`loyalty_id`,
        `t24`.`platform`,
        `t24`.`handle`,
        `t24`.`posted_at`,
        `t24`.`text`,
        `t24`.`url`,
        IF(`t24`.`_status` = 'conflict', 'mention_id', `t24`.`_field`) AS `_field`,
        IF(
          `t24`.`_status` = 'conflict',
          CONCAT(
            'the key (mention_id) ',
            CONCAT(
              CONCAT(
                CONCAT(CONCAT('repeats row ', CAST(`t24`.`_first` % 4294967296 AS STRING)), ' of '),
                CASE
                  WHEN CAST(FLOOR((
                    `t24`.`_first`
                  ) / (
                    4294967296
                  )) AS BIGINT) = 0
                  THEN 'data/mentions.jsonl'
                  ELSE '?'
                END
              ),
              ' with different values'
            )
          ),
          `t24`.`_reason`
        ) AS `_reason`,
        `t24`.`source`,
        `t24`.`_first`,
        IF(`t24`.`_status` = 'conflict', 'conflict', `t24`.`_status`) AS `_status`
      FROM (
        SELECT
          `t23`.`_row`,
          `t23`.`_file`,
          `t23`.`_ord`,
          `t23`.`mention_id`,
          `t23`.`contact_id`,
          `t23`.`user_id`,
          `t23`.`email`,
          `t23`.`loyalty_id`,
          `t23`.`platform`,
          `t23`.`handle`,
          `t23`.`posted_at`,
          `t23`.`text`,
          `t23`.`url`,
          `t23`.`_field`,
          `t23`.`_reason`,
          `t23`.`source`,
          `t23`.`_first`,
          `t23`.`_status`
        FROM (
          SELECT
            `t22`.`_row`,
            `t22`.`_file`,
            `t22`.`_ord`,
            `t22`.`mention_id`,
            `t22`.`contact_id`,
            `t22`.`user_id`,
            `t22`.`email`,
            `t22`.`loyalty_id`,
            `t22`.`platform`,
            `t22`.`handle`,
            `t22`.`posted_at`,
            `t22`.`text`,
            `t22`.`url`,
            `t22`.`_field`,
            `t22`.`_reason`,
            `t22`.`source`,
            `t22`.`_k_mention_id`,
            `t22`.`_n`,
            `t22`.`_first`,
            `t22`.`_ok`,
            `t22`.`_vord`,
            `t22`.`_same`,
            CASE
              WHEN NOT (
                `t22`.`_ok`
              )
              THEN 'bad'
              WHEN `t22`.`_ord` = `t22`.`_first`
              THEN 'new'
              WHEN `t22`.`_same`
              THEN 'duplicate'
              ELSE 'conflict'
            END AS `_status`
          FROM (
            SELECT
              `t15`.`_row`,
              `t15`.`_file`,
              `t15`.`_ord`,
              `t15`.`mention_id`,
              `t15`.`contact_id`,
              `t15`.`user_id`,
              `t15`.`email`,
              `t15`.`loyalty_id`,
              `t15`.`platform`,
              `t15`.`handle`,
              `t15`.`posted_at`,
              `t15`.`text`,
              `t15`.`url`,
              `t15`.`_field`,
              `t15`.`_reason`,
              `t15`.`source`,
              `t15`.`_k_mention_id`,
              `t15`.`_n`,
              `t15`.`_first`,
              `t15`.`_ok`,
              `t21`.`_vord`,
              `t21`.`_same`
            FROM (
              SELECT
                `t13`.`_row`,
                `t13`.`_file`,
                `t13`.`_ord`,
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
                `t13`.`_field`,
                `t13`.`_reason`,
                `t13`.`source`,
                `t13`.`_k_mention_id`,
                COALESCE(`t13`.`_n`, 1) AS `_n`,
                IF(`t13`.`_reason` IS NULL, COALESCE(`t13`.`_first`, `t13`.`_ord`), `t13`.`_ord`) AS `_first`,
                `t13`.`_reason` IS NULL AS `_ok`
              FROM `t12` AS `t13`
            ) AS `t15`
            LEFT OUTER JOIN (
              SELECT
                `t18`.`_ord` AS `_vord`,
                `t18`.`mention_id` IS NOT DISTINCT FROM `t19`.`_f_mention_id`
                AND `t18`.`contact_id` IS NOT DISTINCT FROM `t19`.`_f_contact_id`
                AND `t18`.`user_id` IS NOT DISTINCT FROM `t19`.`_f_user_id`
                AND `t18`.`email` IS NOT DISTINCT FROM `t19`.`_f_email`
                AND `t18`.`loyalty_id` IS NOT DISTINCT FROM `t19`.`_f_loyalty_id`
                AND `t18`.`platform` IS NOT DISTINCT FROM `t19`.`_f_platform`
                AND `t18`.`handle` IS NOT DISTINCT FROM `t19`.`_f_handle`
                AND `t18`.`posted_at` IS NOT DISTINCT FROM `t19`.`_f_posted_at`
                AND `t18`.`text` IS NOT DISTINCT FROM `t19`.`_f_text`
                AND `t18`.`url` IS NOT DISTINCT FROM `t19`.`_f_url`
                AND `t18`.`source` IS NOT DISTINCT FROM `t19`.`_f_source` AS `_same`
              FROM (
                SELECT
                  `t13`.`_row`,
                  `t13`.`_file`,
                  `t13`.`_ord`,
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
                  `t13`.`_field`,
                  `t13`.`_reason`,
                  `t13`.`source`,
                  `t13`.`_k_mention_id`,
                  COALESCE(`t13`.`_n`, 1) AS `_n`,
                  IF(`t13`.`_reason` IS NULL, COALESCE(`t13`.`_first`, `t13`.`_ord`), `t13`.`_ord`) AS `_first`,
                  `t13`.`_reason` IS NULL AS `_ok`
                FROM `t12` AS `t13`
                WHERE
                  `t13`.`_reason` IS NULL
                  AND COALESCE(`t13`.`_n`, 1) > 1
                  AND `t13`.`_ord` <> IF(`t13`.`_reason` IS NULL, COALESCE(`t13`.`_first`, `t13`.`_ord`), `t13`.`_ord`)
              ) AS `t18`
              INNER JOIN (
                SELECT
                  `t13`.`_ord` AS `_ford`,
                  `t13`.`mention_id` AS `_f_mention_id`,
                  `t13`.`contact_id` AS `_f_contact_id`,
                  `t13`.`user_id` AS `_f_user_id`,
                  `t13`.`email` AS `_f_email`,
                  `t13`.`loyalty_id` AS `_f_loyalty_id`,
                  `t13`.`platform` AS `_f_platform`,
                  `t13`.`handle` AS `_f_handle`,
                  `t13`.`posted_at` AS `_f_posted_at`,
                  `t13`.`text` AS `_f_text`,
                  `t13`.`url` AS `_f_url`,
                  `t13`.`source` AS `_f_source`
                FROM `t12` AS `t13`
                WHERE
                  `t13`.`_reason` IS NULL
                  AND COALESCE(`t13`.`_n`, 1) > 1
                  AND `t13`.`_ord` = IF(`t13`.`_reason` IS NULL, COALESCE(`t13`.`_first`, `t13`.`_ord`), `t13`.`_ord`)
              ) AS `t19`
                ON `t18`.`_first` = `t19`.`_ford`
            ) AS `t21`
              ON `t15`.`_ord` = `t21`.`_vord`
          ) AS `t22`
        ) AS `t23`
      ) AS `t24`
    ) AS `t31`
    LEFT OUTER JOIN (
      SELECT
        `t27`.`mention_id` AS `_old_mention_id`,
        `t27`.`contact_id` AS `_old_contact_id`,
        `t27`.`user_id` AS `_old_user_id`,
        `t27`.`email` AS `_old_email`,
        `t27`.`loyalty_id` AS `_old_loyalty_id`,
        `t27`.`platform` AS `_old_platform`,
        `t27`.`handle` AS `_old_handle`,
        `t27`.`posted_at` AS `_old_posted_at`,
        `t27`.`text` AS `_old_text`,
        `t27`.`url` AS `_old_url`,
        `t27`.`source` AS `_old_source`,
        TRUE AS `_found`
      FROM (
        SELECT
          `t3`.`mention_id`,
          `t3`.`contact_id`,
          `t3`.`user_id`,
          `t3`.`email`,
          `t3`.`loyalty_id`,
          `t3`.`platform`,
          `t3`.`handle`,
          `t3`.`posted_at`,
          `t3`.`text`,
          `t3`.`url`,
          `t3`.`source`
        FROM (
          SELECT
            *
          FROM `mentions` AS `t0`
        ) AS `t3`
        LEFT SEMI JOIN (
          SELECT
            `t24`.`mention_id`
          FROM (
            SELECT
              `t23`.`_row`,
              `t23`.`_file`,
              `t23`.`_ord`,
              `t23`.`mention_id`,
              `t23`.`contact_id`,
              `t23`.`user_id`,
              `t23`.`email`,
              `t23`.`loyalty_id`,
              `t23`.`platform`,
              `t23`.`handle`,
              `t23`.`posted_at`,
              `t23`.`text`,
              `t23`.`url`,
              `t23`.`_field`,
              `t23`.`_reason`,
              `t23`.`source`,
              `t23`.`_first`,
              `t23`.`_status`
            FROM (
              SELECT
                `t22`.`_row`,
                `t22`.`_file`,
                `t22`.`_ord`,
                `t22`.`mention_id`,
                `t22`.`contact_id`,
                `t22`.`user_id`,
                `t22`.`email`,
                `t22`.`loyalty_id`,
                `t22`.`platform`,
                `t22`.`handle`,
                `t22`.`posted_at`,
                `t22`.`text`,
                `t22`.`url`,
                `t22`.`_field`,
                `t22`.`_reason`,
                `t22`.`source`,
                `t22`.`_k_mention_id`,
                `t22`.`_n`,
                `t22`.`_first`,
                `t22`.`_ok`,
                `t22`.`_vord`,
                `t22`.`_same`,
                CASE
                  WHEN NOT (
                    `t22`.`_ok`
                  )
                  THEN 'bad'
                  WHEN `t22`.`_ord` = `t22`.`_first`
                  THEN 'new'
                  WHEN `t22`.`_same`
                  THEN 'duplicate'
                  ELSE 'conflict'
                END AS `_status`
              FROM (
                SELECT
                  `t15`.`_row`,
                  `t15`.`_file`,
                  `t15`.`_ord`,
                  `t15`.`mention_id`,
                  `t15`.`contact_id`,
                  `t15`.`user_id`,
                  `t15`.`email`,
                  `t15`.`loyalty_id`,
                  `t15`.`platform`,
                  `t15`.`handle`,
                  `t15`.`posted_at`,
                  `t15`.`text`,
                  `t15`.`url`,
                  `t15`.`_field`,
                  `t15`.`_reason`,
                  `t15`.`source`,
                  `t15`.`_k_mention_id`,
                  `t15`.`_n`,
                  `t15`.`_first`,
                  `t15`.`_ok`,
                  `t21`.`_vord`,
                  `t21`.`_same`
                FROM (
                  SELECT
                    `t13`.`_row`,
                    `t13`.`_file`,
                    `t13`.`_ord`,
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
                    `t13`.`_field`,
                    `t13`.`_reason`,
                    `t13`.`source`,
                    `t13`.`_k_mention_id`,
                    COALESCE(`t13`.`_n`, 1) AS `_n`,
                    IF(`t13`.`_reason` IS NULL, COALESCE(`t13`.`_first`, `t13`.`_ord`), `t13`.`_ord`) AS `_first`,
                    `t13`.`_reason` IS NULL AS `_ok`
                  FROM `t12` AS `t13`
                ) AS `t15`
                LEFT OUTER JOIN (
                  SELECT
                    `t18`.`_ord` AS `_vord`,
                    `t18`.`mention_id` IS NOT DISTINCT FROM `t19`.`_f_mention_id`
                    AND `t18`.`contact_id` IS NOT DISTINCT FROM `t19`.`_f_contact_id`
                    AND `t18`.`user_id` IS NOT DISTINCT FROM `t19`.`_f_user_id`
                    AND `t18`.`email` IS NOT DISTINCT FROM `t19`.`_f_email`
                    AND `t18`.`loyalty_id` IS NOT DISTINCT FROM `t19`.`_f_loyalty_id`
                    AND `t18`.`platform` IS NOT DISTINCT FROM `t19`.`_f_platform`
                    AND `t18`.`handle` IS NOT DISTINCT FROM `t19`.`_f_handle`
                    AND `t18`.`posted_at` IS NOT DISTINCT FROM `t19`.`_f_posted_at`
                    AND `t18`.`text` IS NOT DISTINCT FROM `t19`.`_f_text`
                    AND `t18`.`url` IS NOT DISTINCT FROM `t19`.`_f_url`
                    AND `t18`.`source` IS NOT DISTINCT FROM `t19`.`_f_source` AS `_same`
                  FROM (
                    SELECT
                      `t13`.`_row`,
                      `t13`.`_file`,
                      `t13`.`_ord`,
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
                      `t13`.`_field`,
                      `t13`.`_reason`,
                      `t13`.`source`,
                      `t13`.`_k_mention_id`,
                      COALESCE(`t13`.`_n`, 1) AS `_n`,
                      IF(`t13`.`_reason` IS NULL, COALESCE(`t13`.`_first`, `t13`.`_ord`), `t13`.`_ord`) AS `_first`,
                      `t13`.`_reason` IS NULL AS `_ok`
                    FROM `t12` AS `t13`
                    WHERE
                      `t13`.`_reason` IS NULL
                      AND COALESCE(`t13`.`_n`, 1) > 1
                      AND `t13`.`_ord` <> IF(`t13`.`_reason` IS NULL, COALESCE(`t13`.`_first`, `t13`.`_ord`), `t13`.`_ord`)
                  ) AS `t18`
                  INNER JOIN (
                    SELECT
                      `t13`.`_ord` AS `_ford`,
                      `t13`.`mention_id` AS `_f_mention_id`,
                      `t13`.`contact_id` AS `_f_contact_id`,
                      `t13`.`user_id` AS `_f_user_id`,
                      `t13`.`email` AS `_f_email`,
                      `t13`.`loyalty_id` AS `_f_loyalty_id`,
                      `t13`.`platform` AS `_f_platform`,
                      `t13`.`handle` AS `_f_handle`,
                      `t13`.`posted_at` AS `_f_posted_at`,
                      `t13`.`text` AS `_f_text`,
                      `t13`.`url` AS `_f_url`,
                      `t13`.`source` AS `_f_source`
                    FROM `t12` AS `t13`
                    WHERE
                      `t13`.`_reason` IS NULL
                      AND COALESCE(`t13`.`_n`, 1) > 1
                      AND `t13`.`_ord` = IF(`t13`.`_reason` IS NULL, COALESCE(`t13`.`_first`, `t13`.`_ord`), `t13`.`_ord`)
                  ) AS `t19`
                    ON `t18`.`_first` = `t19`.`_ford`
                ) AS `t21`
                  ON `t15`.`_ord` = `t21`.`_vord`
              ) AS `t22`
            ) AS `t23`
          ) AS `t24`
        ) AS `t26`
          ON `t3`.`mention_id` = `t26`.`mention_id`
      ) AS `t27`
    ) AS `t29`
      ON `t31`.`mention_id` = `t29`.`_old_mention_id`
  ) AS `t32`
) AS `t33`
