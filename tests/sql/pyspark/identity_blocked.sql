SELECT
  *
FROM (
  SELECT
    `t45`.`kind`,
    `t45`.`value`,
    MIN(`t45`.`reason`) AS `reason`,
    MAX(`t45`.`records`) AS `records`
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t32`.`kind`,
          `t32`.`value`,
          CONCAT(
            CONCAT('shared by ', CAST(`t32`.`anchors` AS STRING)),
            ' accounts or cards (more than 2)'
          ) AS `reason`,
          `t32`.`records`
        FROM (
          SELECT
            `t27`.`kind`,
            `t27`.`value`,
            MAX(`t27`.`anchors`) AS `anchors`,
            MAX(`t27`.`records`) AS `records`
          FROM (
            SELECT
              `t21`.`kind`,
              `t21`.`value`,
              `t21`.`anchor_kind`,
              COUNT(DISTINCT `t21`.`anchor`) AS `anchors`,
              COUNT(DISTINCT `t21`.`record`) AS `records`
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  `t10`.`record`,
                  `t10`.`kind`,
                  `t10`.`value`,
                  `t11`.`anchor_kind`,
                  `t11`.`anchor`
                FROM (
                  SELECT
                    *
                  FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
                  WHERE
                    `t0`.`kind` = 'loyalty_id'
                ) AS `t10`
                INNER JOIN (
                  SELECT
                    `t0`.`record`,
                    `t0`.`kind` AS `anchor_kind`,
                    `t0`.`value` AS `anchor`
                  FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
                  WHERE
                    `t0`.`kind` IN ('contact_id', 'user_id', 'loyalty_id')
                ) AS `t11`
                  ON `t10`.`record` = `t11`.`record`
              ) AS `t17`
              WHERE
                `t17`.`anchor_kind` <> `t17`.`kind`
            ) AS `t21`
            GROUP BY
              1,
              2,
              3
          ) AS `t27`
          GROUP BY
            1,
            2
        ) AS `t32`
        WHERE
          `t32`.`anchors` > 2
      ) AS `t37`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          `t31`.`kind`,
          `t31`.`value`,
          CONCAT(
            CONCAT('shared by ', CAST(`t31`.`names` AS STRING)),
            ' people with different names'
          ) AS `reason`,
          `t31`.`records`
        FROM (
          SELECT
            `t25`.`kind`,
            `t25`.`value`,
            COUNT(DISTINCT `t25`.`first_name`) AS `names`,
            COUNT(DISTINCT `t25`.`record`) AS `records`
          FROM (
            SELECT
              `t9`.`record`,
              `t9`.`kind`,
              `t9`.`value`,
              `t16`.`first_name`
            FROM (
              SELECT
                *
              FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
              WHERE
                `t0`.`kind` IN ('email', 'phone')
            ) AS `t9`
            INNER JOIN (
              SELECT
                CONCAT(CONCAT(CONCAT('contacts:', `t1`.`source`), ':'), `t1`.`contact_id`) AS `record`,
                NULLIF(REGEXP_REPLACE(LOWER(`t1`.`first_name`), '[^a-z]', ''), '') AS `first_name`
              FROM `contacts` AS `t1`
              WHERE
                NULLIF(REGEXP_REPLACE(LOWER(`t1`.`first_name`), '[^a-z]', ''), '') IS NOT NULL
            ) AS `t16`
              ON `t9`.`record` = `t16`.`record`
          ) AS `t25`
          GROUP BY
            1,
            2
        ) AS `t31`
        WHERE
          `t31`.`names` > 1
      ) AS `t36`
    ) AS `t41`
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
            `t8`.`kind`,
            `t8`.`value`,
            'blocklist: a placeholder or test value' AS `reason`,
            `t8`.`records`
          FROM (
            SELECT
              `t0`.`kind`,
              `t0`.`value`,
              COUNT(DISTINCT `t0`.`record`) AS `records`
            FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
            GROUP BY
              1,
              2
          ) AS `t8`
          WHERE
            FALSE
            OR LOWER(`t8`.`value`) RLIKE '^[0\\-\\s]*$'
            OR LOWER(`t8`.`value`) RLIKE '^(null|none|nan|undefined|anonymous|unknown|n/?a|test)$'
            OR LOWER(`t8`.`value`) RLIKE '^test@test\\.com$'
            OR LOWER(`t8`.`value`) RLIKE '^no-?reply@'
            OR LOWER(`t8`.`value`) RLIKE '^\\+?1?5555555555$'
        ) AS `t26`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            `t33`.`kind`,
            `t33`.`value`,
            CONCAT(
              CONCAT('shared by ', CAST(`t33`.`anchors` AS STRING)),
              ' accounts or cards (more than 3)'
            ) AS `reason`,
            `t33`.`records`
          FROM (
            SELECT
              `t28`.`kind`,
              `t28`.`value`,
              MAX(`t28`.`anchors`) AS `anchors`,
              MAX(`t28`.`records`) AS `records`
            FROM (
              SELECT
                `t22`.`kind`,
                `t22`.`value`,
                `t22`.`anchor_kind`,
                COUNT(DISTINCT `t22`.`anchor`) AS `anchors`,
                COUNT(DISTINCT `t22`.`record`) AS `records`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t12`.`record`,
                    `t12`.`kind`,
                    `t12`.`value`,
                    `t11`.`anchor_kind`,
                    `t11`.`anchor`
                  FROM (
                    SELECT
                      *
                    FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
                    WHERE
                      `t0`.`kind` = 'email'
                  ) AS `t12`
                  INNER JOIN (
                    SELECT
                      `t0`.`record`,
                      `t0`.`kind` AS `anchor_kind`,
                      `t0`.`value` AS `anchor`
                    FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
                    WHERE
                      `t0`.`kind` IN ('contact_id', 'user_id', 'loyalty_id')
                  ) AS `t11`
                    ON `t12`.`record` = `t11`.`record`
                ) AS `t18`
                WHERE
                  `t18`.`anchor_kind` <> `t18`.`kind`
              ) AS `t22`
              GROUP BY
                1,
                2,
                3
            ) AS `t28`
            GROUP BY
              1,
              2
          ) AS `t33`
          WHERE
            `t33`.`anchors` > 3
        ) AS `t38`
      ) AS `t42`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t34`.`kind`,
            `t34`.`value`,
            CONCAT(
              CONCAT('shared by ', CAST(`t34`.`anchors` AS STRING)),
              ' accounts or cards (more than 3)'
            ) AS `reason`,
            `t34`.`records`
          FROM (
            SELECT
              `t29`.`kind`,
              `t29`.`value`,
              MAX(`t29`.`anchors`) AS `anchors`,
              MAX(`t29`.`records`) AS `records`
            FROM (
              SELECT
                `t23`.`kind`,
                `t23`.`value`,
                `t23`.`anchor_kind`,
                COUNT(DISTINCT `t23`.`anchor`) AS `anchors`,
                COUNT(DISTINCT `t23`.`record`) AS `records`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t13`.`record`,
                    `t13`.`kind`,
                    `t13`.`value`,
                    `t11`.`anchor_kind`,
                    `t11`.`anchor`
                  FROM (
                    SELECT
                      *
                    FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
                    WHERE
                      `t0`.`kind` = 'phone'
                  ) AS `t13`
                  INNER JOIN (
                    SELECT
                      `t0`.`record`,
                      `t0`.`kind` AS `anchor_kind`,
                      `t0`.`value` AS `anchor`
                    FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
                    WHERE
                      `t0`.`kind` IN ('contact_id', 'user_id', 'loyalty_id')
                  ) AS `t11`
                    ON `t13`.`record` = `t11`.`record`
                ) AS `t19`
                WHERE
                  `t19`.`anchor_kind` <> `t19`.`kind`
              ) AS `t23`
              GROUP BY
                1,
                2,
                3
            ) AS `t29`
            GROUP BY
              1,
              2
          ) AS `t34`
          WHERE
            `t34`.`anchors` > 3
        ) AS `t39`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT
            `t35`.`kind`,
            `t35`.`value`,
            CONCAT(
              CONCAT('shared by ', CAST(`t35`.`anchors` AS STRING)),
              ' accounts or cards (more than 5)'
            ) AS `reason`,
            `t35`.`records`
          FROM (
            SELECT
              `t30`.`kind`,
              `t30`.`value`,
              MAX(`t30`.`anchors`) AS `anchors`,
              MAX(`t30`.`records`) AS `records`
            FROM (
              SELECT
                `t24`.`kind`,
                `t24`.`value`,
                `t24`.`anchor_kind`,
                COUNT(DISTINCT `t24`.`anchor`) AS `anchors`,
                COUNT(DISTINCT `t24`.`record`) AS `records`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t14`.`record`,
                    `t14`.`kind`,
                    `t14`.`value`,
                    `t11`.`anchor_kind`,
                    `t11`.`anchor`
                  FROM (
                    SELECT
                      *
                    FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
                    WHERE
                      `t0`.`kind` = 'anonymous_id'
                  ) AS `t14`
                  INNER JOIN (
                    SELECT
                      `t0`.`record`,
                      `t0`.`kind` AS `anchor_kind`,
                      `t0`.`value` AS `anchor`
                    FROM `cxlens`.`main`.`identity_identifiers` AS `t0`
                    WHERE
                      `t0`.`kind` IN ('contact_id', 'user_id', 'loyalty_id')
                  ) AS `t11`
                    ON `t14`.`record` = `t11`.`record`
                ) AS `t20`
                WHERE
                  `t20`.`anchor_kind` <> `t20`.`kind`
              ) AS `t24`
              GROUP BY
                1,
                2,
                3
            ) AS `t30`
            GROUP BY
              1,
              2
          ) AS `t35`
          WHERE
            `t35`.`anchors` > 5
        ) AS `t40`
      ) AS `t43`
    ) AS `t44`
  ) AS `t45`
  GROUP BY
    1,
    2
) AS `t46`
