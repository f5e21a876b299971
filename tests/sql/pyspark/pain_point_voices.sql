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
        SELECT DISTINCT
          5 AS `rank`,
          `t24`.`source`,
          `t24`.`ref`
        FROM (
          SELECT
            `t12`.`person_id`,
            `t12`.`_last`,
            `t23`.`source`,
            `t23`.`ref`,
            `t23`.`_vat`
          FROM (
            SELECT
              `t0`.`person_id`,
              COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
            FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
            WHERE
              `t0`.`t0` IS NOT NULL AND `t0`.`t1` IS NULL AND `t0`.`persona` = 'Eco parents'
          ) AS `t12`
          INNER JOIN (
            SELECT
              `t1`.`person_id`,
              `t1`.`source`,
              `t1`.`ref`,
              `t1`.`at` AS `_vat`
            FROM `cxlens`.`main`.`touchpoints` AS `t1`
            WHERE
              (
                `t1`.`sentiment` = -1
              ) OR (
                `t1`.`source` = 'tickets'
              )
          ) AS `t23`
            ON `t12`.`person_id` = `t23`.`person_id`
        ) AS `t24`
        WHERE
          `t24`.`_vat` >= `t24`.`_last`
          AND (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t24`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t24`.`_last` AS TIMESTAMP))) AS BIGINT)
          ) <= 2592000
      ) AS `t34`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT DISTINCT
          6 AS `rank`,
          `t25`.`source`,
          `t25`.`ref`
        FROM (
          SELECT
            `t15`.`person_id`,
            `t15`.`_last`,
            `t23`.`source`,
            `t23`.`ref`,
            `t23`.`_vat`
          FROM (
            SELECT
              `t0`.`person_id`,
              COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
            FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
            WHERE
              `t0`.`t2` IS NOT NULL AND `t0`.`t3` IS NULL AND `t0`.`stage` = 'lapsed'
          ) AS `t15`
          INNER JOIN (
            SELECT
              `t1`.`person_id`,
              `t1`.`source`,
              `t1`.`ref`,
              `t1`.`at` AS `_vat`
            FROM `cxlens`.`main`.`touchpoints` AS `t1`
            WHERE
              (
                `t1`.`sentiment` = -1
              ) OR (
                `t1`.`source` = 'tickets'
              )
          ) AS `t23`
            ON `t15`.`person_id` = `t23`.`person_id`
        ) AS `t25`
        WHERE
          `t25`.`_vat` >= `t25`.`_last`
          AND (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t25`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t25`.`_last` AS TIMESTAMP))) AS BIGINT)
          ) <= 2592000
      ) AS `t35`
    ) AS `t44`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT DISTINCT
          7 AS `rank`,
          `t26`.`source`,
          `t26`.`ref`
        FROM (
          SELECT
            `t19`.`person_id`,
            `t19`.`_last`,
            `t23`.`source`,
            `t23`.`ref`,
            `t23`.`_vat`
          FROM (
            SELECT
              `t0`.`person_id`,
              COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
            FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
            WHERE
              `t0`.`t0` IS NOT NULL AND `t0`.`t1` IS NULL AND `t0`.`channel` = 'app'
          ) AS `t19`
          INNER JOIN (
            SELECT
              `t1`.`person_id`,
              `t1`.`source`,
              `t1`.`ref`,
              `t1`.`at` AS `_vat`
            FROM `cxlens`.`main`.`touchpoints` AS `t1`
            WHERE
              (
                `t1`.`sentiment` = -1
              ) OR (
                `t1`.`source` = 'tickets'
              )
          ) AS `t23`
            ON `t19`.`person_id` = `t23`.`person_id`
        ) AS `t26`
        WHERE
          `t26`.`_vat` >= `t26`.`_last`
          AND (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t26`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t26`.`_last` AS TIMESTAMP))) AS BIGINT)
          ) <= 2592000
      ) AS `t36`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT DISTINCT
          8 AS `rank`,
          `t27`.`source`,
          `t27`.`ref`
        FROM (
          SELECT
            `t17`.`person_id`,
            `t17`.`_last`,
            `t23`.`source`,
            `t23`.`ref`,
            `t23`.`_vat`
          FROM (
            SELECT
              `t0`.`person_id`,
              COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
            FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
            WHERE
              `t0`.`t0` IS NOT NULL AND `t0`.`t1` IS NULL AND `t0`.`stage` = 'active'
          ) AS `t17`
          INNER JOIN (
            SELECT
              `t1`.`person_id`,
              `t1`.`source`,
              `t1`.`ref`,
              `t1`.`at` AS `_vat`
            FROM `cxlens`.`main`.`touchpoints` AS `t1`
            WHERE
              (
                `t1`.`sentiment` = -1
              ) OR (
                `t1`.`source` = 'tickets'
              )
          ) AS `t23`
            ON `t17`.`person_id` = `t23`.`person_id`
        ) AS `t27`
        WHERE
          `t27`.`_vat` >= `t27`.`_last`
          AND (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t27`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t27`.`_last` AS TIMESTAMP))) AS BIGINT)
          ) <= 2592000
      ) AS `t37`
    ) AS `t45`
  ) AS `t49`
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
        SELECT DISTINCT
          9 AS `rank`,
          `t28`.`source`,
          `t28`.`ref`
        FROM (
          SELECT
            `t18`.`person_id`,
            `t18`.`_last`,
            `t23`.`source`,
            `t23`.`ref`,
            `t23`.`_vat`
          FROM (
            SELECT
              `t0`.`person_id`,
              COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
            FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
            WHERE
              `t0`.`t0` IS NOT NULL AND `t0`.`t1` IS NULL AND `t0`.`stage` = 'loyal'
          ) AS `t18`
          INNER JOIN (
            SELECT
              `t1`.`person_id`,
              `t1`.`source`,
              `t1`.`ref`,
              `t1`.`at` AS `_vat`
            FROM `cxlens`.`main`.`touchpoints` AS `t1`
            WHERE
              (
                `t1`.`sentiment` = -1
              ) OR (
                `t1`.`source` = 'tickets'
              )
          ) AS `t23`
            ON `t18`.`person_id` = `t23`.`person_id`
        ) AS `t28`
        WHERE
          `t28`.`_vat` >= `t28`.`_last`
          AND (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t28`.`_last` AS TIMESTAMP))) AS BIGINT)
          ) <= 2592000
      ) AS `t38`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT DISTINCT
          10 AS `rank`,
          `t29`.`source`,
          `t29`.`ref`
        FROM (
          SELECT
            `t16`.`person_id`,
            `t16`.`_last`,
            `t23`.`source`,
            `t23`.`ref`,
            `t23`.`_vat`
          FROM (
            SELECT
              `t0`.`person_id`,
              COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
            FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
            WHERE
              `t0`.`t1` IS NOT NULL AND `t0`.`t2` IS NULL AND `t0`.`stage` = 'lapsed'
          ) AS `t16`
          INNER JOIN (
            SELECT
              `t1`.`person_id`,
              `t1`.`source`,
              `t1`.`ref`,
              `t1`.`at` AS `_vat`
            FROM `cxlens`.`main`.`touchpoints` AS `t1`
            WHERE
              (
                `t1`.`sentiment` = -1
              ) OR (
                `t1`.`source` = 'tickets'
              )
          ) AS `t23`
            ON `t16`.`person_id` = `t23`.`person_id`
        ) AS `t29`
        WHERE
          `t29`.`_vat` >= `t29`.`_last`
          AND (
            CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t29`.`_last` AS TIMESTAMP))) AS BIGINT)
          ) <= 2592000
      ) AS `t39`
    ) AS `t46`
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
          SELECT DISTINCT
            1 AS `rank`,
            `t30`.`source`,
            `t30`.`ref`
          FROM (
            SELECT
              `t20`.`person_id`,
              `t20`.`_last`,
              `t23`.`source`,
              `t23`.`ref`,
              `t23`.`_vat`
            FROM (
              SELECT
                `t0`.`person_id`,
                COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
              FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
              WHERE
                `t0`.`t2` IS NOT NULL AND `t0`.`t3` IS NULL AND `t0`.`channel` = 'app'
            ) AS `t20`
            INNER JOIN (
              SELECT
                `t1`.`person_id`,
                `t1`.`source`,
                `t1`.`ref`,
                `t1`.`at` AS `_vat`
              FROM `cxlens`.`main`.`touchpoints` AS `t1`
              WHERE
                (
                  `t1`.`sentiment` = -1
                ) OR (
                  `t1`.`source` = 'tickets'
                )
            ) AS `t23`
              ON `t20`.`person_id` = `t23`.`person_id`
          ) AS `t30`
          WHERE
            `t30`.`_vat` >= `t30`.`_last`
            AND (
              CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t30`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t30`.`_last` AS TIMESTAMP))) AS BIGINT)
            ) <= 2592000
        ) AS `t40`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT DISTINCT
            2 AS `rank`,
            `t31`.`source`,
            `t31`.`ref`
          FROM (
            SELECT
              `t13`.`person_id`,
              `t13`.`_last`,
              `t23`.`source`,
              `t23`.`ref`,
              `t23`.`_vat`
            FROM (
              SELECT
                `t0`.`person_id`,
                COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
              FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
              WHERE
                `t0`.`t2` IS NOT NULL
                AND `t0`.`t3` IS NULL
                AND `t0`.`persona` = 'Young app-first shoppers'
            ) AS `t13`
            INNER JOIN (
              SELECT
                `t1`.`person_id`,
                `t1`.`source`,
                `t1`.`ref`,
                `t1`.`at` AS `_vat`
              FROM `cxlens`.`main`.`touchpoints` AS `t1`
              WHERE
                (
                  `t1`.`sentiment` = -1
                ) OR (
                  `t1`.`source` = 'tickets'
                )
            ) AS `t23`
              ON `t13`.`person_id` = `t23`.`person_id`
          ) AS `t31`
          WHERE
            `t31`.`_vat` >= `t31`.`_last`
            AND (
              CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t31`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t31`.`_last` AS TIMESTAMP))) AS BIGINT)
            ) <= 2592000
        ) AS `t41`
      ) AS `t47`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          *
        FROM (
          SELECT DISTINCT
            3 AS `rank`,
            `t32`.`source`,
            `t32`.`ref`
          FROM (
            SELECT
              `t21`.`person_id`,
              `t21`.`_last`,
              `t23`.`source`,
              `t23`.`ref`,
              `t23`.`_vat`
            FROM (
              SELECT
                `t0`.`person_id`,
                COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
              FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
              WHERE
                `t0`.`t1` IS NOT NULL AND `t0`.`t2` IS NULL AND `t0`.`channel` = 'web'
            ) AS `t21`
            INNER JOIN (
              SELECT
                `t1`.`person_id`,
                `t1`.`source`,
                `t1`.`ref`,
                `t1`.`at` AS `_vat`
              FROM `cxlens`.`main`.`touchpoints` AS `t1`
              WHERE
                (
                  `t1`.`sentiment` = -1
                ) OR (
                  `t1`.`source` = 'tickets'
                )
            ) AS `t23`
              ON `t21`.`person_id` = `t23`.`person_id`
          ) AS `t32`
          WHERE
            `t32`.`_vat` >= `t32`.`_last`
            AND (
              CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t32`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t32`.`_last` AS TIMESTAMP))) AS BIGINT)
            ) <= 2592000
        ) AS `t42`
        UNION ALL
        SELECT
          *
        FROM (
          SELECT DISTINCT
            4 AS `rank`,
            `t33`.`source`,
            `t33`.`ref`
          FROM (
            SELECT
              `t14`.`person_id`,
              `t14`.`_last`,
              `t23`.`source`,
              `t23`.`ref`,
              `t23`.`_vat`
            FROM (
              SELECT
                `t0`.`person_id`,
                COALESCE(`t0`.`t3`, `t0`.`t2`, `t0`.`t1`, `t0`.`t0`) AS `_last`
              FROM `temp`.`main`.`journeys_funnel_units` AS `t0`
              WHERE
                `t0`.`t0` IS NOT NULL
                AND `t0`.`t1` IS NULL
                AND `t0`.`persona` = 'Evening regulars'
            ) AS `t14`
            INNER JOIN (
              SELECT
                `t1`.`person_id`,
                `t1`.`source`,
                `t1`.`ref`,
                `t1`.`at` AS `_vat`
              FROM `cxlens`.`main`.`touchpoints` AS `t1`
              WHERE
                (
                  `t1`.`sentiment` = -1
                ) OR (
                  `t1`.`source` = 'tickets'
                )
            ) AS `t23`
              ON `t14`.`person_id` = `t23`.`person_id`
          ) AS `t33`
          WHERE
            `t33`.`_vat` >= `t33`.`_last`
            AND (
              CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t33`.`_vat` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t33`.`_last` AS TIMESTAMP))) AS BIGINT)
            ) <= 2592000
        ) AS `t43`
      ) AS `t48`
    ) AS `t50`
  ) AS `t51`
) AS `t52`
