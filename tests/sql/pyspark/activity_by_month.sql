SELECT
  `t22`.`table`,
  `t22`.`month`,
  `t22`.`rows`
FROM (
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t6`.`month`,
        `t6`.`rows`,
        'tickets' AS `table`
      FROM (
        SELECT
          CAST(DATE_TRUNC('month', `t0`.`opened_at`) AS DATE) AS `month`,
          COUNT(*) AS `rows`
        FROM `tickets` AS `t0`
        GROUP BY
          1
      ) AS `t6`
    ) AS `t12`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        `t7`.`month`,
        `t7`.`rows`,
        'mentions' AS `table`
      FROM (
        SELECT
          CAST(DATE_TRUNC('month', `t1`.`posted_at`) AS DATE) AS `month`,
          COUNT(*) AS `rows`
        FROM `mentions` AS `t1`
        GROUP BY
          1
      ) AS `t7`
    ) AS `t13`
  ) AS `t18`
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
          `t8`.`month`,
          `t8`.`rows`,
          'contacts' AS `table`
        FROM (
          SELECT
            CAST(DATE_TRUNC('month', `t2`.`created_at`) AS DATE) AS `month`,
            COUNT(*) AS `rows`
          FROM `contacts` AS `t2`
          GROUP BY
            1
        ) AS `t8`
      ) AS `t14`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          `t9`.`month`,
          `t9`.`rows`,
          'events' AS `table`
        FROM (
          SELECT
            CAST(DATE_TRUNC('month', `t3`.`timestamp`) AS DATE) AS `month`,
            COUNT(*) AS `rows`
          FROM `events` AS `t3`
          GROUP BY
            1
        ) AS `t9`
      ) AS `t15`
    ) AS `t19`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t10`.`month`,
          `t10`.`rows`,
          'orders' AS `table`
        FROM (
          SELECT
            CAST(DATE_TRUNC('month', `t4`.`ordered_at`) AS DATE) AS `month`,
            COUNT(*) AS `rows`
          FROM `orders` AS `t4`
          GROUP BY
            1
        ) AS `t10`
      ) AS `t16`
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          `t11`.`month`,
          `t11`.`rows`,
          'feedback' AS `table`
        FROM (
          SELECT
            CAST(DATE_TRUNC('month', `t5`.`submitted_at`) AS DATE) AS `month`,
            COUNT(*) AS `rows`
          FROM `feedback` AS `t5`
          GROUP BY
            1
        ) AS `t11`
      ) AS `t17`
    ) AS `t20`
  ) AS `t21`
) AS `t22`
ORDER BY
  `t22`.`table` ASC NULLS LAST,
  `t22`.`month` ASC NULLS LAST
