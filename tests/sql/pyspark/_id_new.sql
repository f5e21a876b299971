WITH `t11` AS (
  SELECT
    `t6`.`record`,
    `t6`.`node`,
    `t6`.`kind`,
    `t3`.`component`,
    `t4`.`nkind`,
    `t4`.`n`,
    `t4`.`cap`,
    `t4`.`krank`,
    `t10`.`ids`
  FROM (
    SELECT
      `t0`.`record`,
      `t0`.`node`,
      `t0`.`kind`
    FROM `temp`.`main`.`_id_inc` AS `t0`
    WHERE
      `t0`.`status` = 'linked'
  ) AS `t6`
  INNER JOIN `temp`.`main`.`_id_cc_labels` AS `t3`
    ON `t6`.`node` = `t3`.`node`
  INNER JOIN `temp`.`main`.`_id_over` AS `t4`
    ON `t3`.`component` = `t4`.`component`
  INNER JOIN (
    SELECT
      *
    FROM (
      SELECT
        `t7`.`record`,
        COUNT(DISTINCT `t7`.`node`) AS `ids`
      FROM (
        SELECT
          `t6`.`record`,
          `t6`.`node`,
          `t6`.`kind`,
          `t3`.`component`,
          `t4`.`nkind`,
          `t4`.`n`,
          `t4`.`cap`,
          `t4`.`krank`
        FROM (
          SELECT
            `t0`.`record`,
            `t0`.`node`,
            `t0`.`kind`
          FROM `temp`.`main`.`_id_inc` AS `t0`
          WHERE
            `t0`.`status` = 'linked'
        ) AS `t6`
        INNER JOIN `temp`.`main`.`_id_cc_labels` AS `t3`
          ON `t6`.`node` = `t3`.`node`
        INNER JOIN `temp`.`main`.`_id_over` AS `t4`
          ON `t3`.`component` = `t4`.`component`
      ) AS `t7`
      GROUP BY
        1
    ) AS `t8`
    WHERE
      `t8`.`ids` >= 2
  ) AS `t10`
    ON `t6`.`record` = `t10`.`record`
), `t13` AS (
  SELECT
    `t12`.`record`,
    `t12`.`node`,
    `t12`.`kind`,
    `t12`.`component`,
    `t12`.`nkind`,
    `t12`.`n`,
    `t12`.`cap`,
    `t12`.`krank`,
    `t12`.`ids`,
    CASE `t12`.`kind`
      WHEN 'user_id'
      THEN 0
      WHEN 'loyalty_id'
      THEN 1
      WHEN 'contact_id'
      THEN 2
      WHEN 'email'
      THEN 3
      WHEN 'phone'
      THEN 4
      WHEN 'handle'
      THEN 5
      WHEN 'anonymous_id'
      THEN 6
      ELSE 7
    END AS `lrank`,
    STARTSWITH(`t12`.`node`, CONCAT(`t12`.`nkind`, ':')) AS `is_k`
  FROM `t11` AS `t12`
  WHERE
    STARTSWITH(`t12`.`node`, CONCAT(`t12`.`nkind`, ':'))
), `t19` AS (
  SELECT
    *
  FROM (
    SELECT
      `t12`.`record`,
      `t12`.`node`,
      `t12`.`kind`,
      `t12`.`component`,
      `t12`.`nkind`,
      `t12`.`n`,
      `t12`.`cap`,
      `t12`.`krank`,
      `t12`.`ids`,
      CASE `t12`.`kind`
        WHEN 'user_id'
        THEN 0
        WHEN 'loyalty_id'
        THEN 1
        WHEN 'contact_id'
        THEN 2
        WHEN 'email'
        THEN 3
        WHEN 'phone'
        THEN 4
        WHEN 'handle'
        THEN 5
        WHEN 'anonymous_id'
        THEN 6
        ELSE 7
      END AS `lrank`,
      STARTSWITH(`t12`.`node`, CONCAT(`t12`.`nkind`, ':')) AS `is_k`
    FROM `t11` AS `t12`
  ) AS `t14`
  WHERE
    `t14`.`lrank` > `t14`.`krank`
), `t26` AS (
  SELECT
    *
  FROM (
    SELECT
      `t21`.`component`,
      `t21`.`node`,
      `t21`.`lrank`,
      COUNT(DISTINCT `t21`.`record`) AS `recs`
    FROM `t19` AS `t21`
    GROUP BY
      1,
      2,
      3
  ) AS `t23`
  WHERE
    (
      `t23`.`recs` >= 2
    ) OR (
      `t23`.`lrank` = 7
    )
), `t43` AS (
  SELECT
    *
  FROM (
    SELECT
      `t18`.`component`,
      `t18`.`record`,
      `t18`.`node`,
      3 AS `tier`,
      CONCAT(
        CONCAT(
          CONCAT(
            CONCAT(
              CONCAT(
                CONCAT(CONCAT('cap: the person would hold ', CAST(`t18`.`n` AS STRING)), ' '),
                `t18`.`nkind`
              ),
              ' values (cap '
            ),
            CAST(`t18`.`cap` AS STRING)
          ),
          '); '
        ),
        'a surplus value is cut loose'
      ) AS `reason`
    FROM `t13` AS `t18`
    LEFT SEMI JOIN (
      SELECT
        `t24`.`component`,
        `t24`.`node`
      FROM (
        SELECT
          `t20`.`component`,
          `t20`.`node`,
          `t20`.`cap`,
          `t20`.`recs`,
          ROW_NUMBER() OVER (
            PARTITION BY `t20`.`component`
            ORDER BY `t20`.`recs` DESC, `t20`.`node` ASC NULLS LAST
          ) - 1 AS `pos`
        FROM (
          SELECT
            `t16`.`component`,
            `t16`.`node`,
            `t16`.`cap`,
            COUNT(DISTINCT `t16`.`record`) AS `recs`
          FROM `t13` AS `t16`
          GROUP BY
            1,
            2,
            3
        ) AS `t20`
      ) AS `t24`
      WHERE
        `t24`.`pos` >= `t24`.`cap`
    ) AS `t30`
      ON `t18`.`component` = `t30`.`component` AND `t18`.`node` = `t30`.`node`
  ) AS `t36`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t22`.`component`,
        `t22`.`record`,
        `t22`.`node`,
        1 AS `tier`,
        CONCAT(
          CONCAT(
            CONCAT(
              CONCAT(
                CONCAT(
                  CONCAT(
                    CONCAT(CONCAT('cap: the person would hold ', CAST(`t22`.`n` AS STRING)), ' '),
                    `t22`.`nkind`
                  ),
                  ' values (cap '
                ),
                CAST(`t22`.`cap` AS STRING)
              ),
              '); '
            ),
            `t22`.`kind`
          ),
          ' seen with several of them'
        ) AS `reason`
      FROM `t19` AS `t22`
      LEFT SEMI JOIN (
        SELECT
          *
        FROM (
          SELECT
            `t25`.`component`,
            `t25`.`node`,
            COUNT(DISTINCT `t25`.`kval`) AS `kvals`
          FROM (
            SELECT
              `t22`.`record`,
              `t22`.`node`,
              `t22`.`kind`,
              `t22`.`component`,
              `t22`.`nkind`,
              `t22`.`n`,
              `t22`.`cap`,
              `t22`.`krank`,
              `t22`.`ids`,
              `t22`.`lrank`,
              `t22`.`is_k`,
              `t17`.`kval`
            FROM `t19` AS `t22`
            INNER JOIN (
              SELECT
                `t12`.`record`,
                `t12`.`node` AS `kval`
              FROM `t11` AS `t12`
              WHERE
                STARTSWITH(`t12`.`node`, CONCAT(`t12`.`nkind`, ':'))
            ) AS `t17`
              ON `t22`.`record` = `t17`.`record`
          ) AS `t25`
          GROUP BY
            1,
            2
        ) AS `t28`
        WHERE
          `t28`.`kvals` >= 2
      ) AS `t34`
        ON `t22`.`component` = `t34`.`component` AND `t22`.`node` = `t34`.`node`
    ) AS `t37`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        `t22`.`component`,
        `t22`.`record`,
        `t22`.`node`,
        2 AS `tier`,
        CONCAT(
          CONCAT(
            CONCAT(
              CONCAT(
                CONCAT(
                  CONCAT(
                    CONCAT(
                      CONCAT(CONCAT('cap: the person would hold ', CAST(`t22`.`n` AS STRING)), ' '),
                      `t22`.`nkind`
                    ),
                    ' values (cap '
                  ),
                  CAST(`t22`.`cap` AS STRING)
                ),
                '); '
              ),
              'links through '
            ),
            `t22`.`kind`
          ),
          ', the least trusted, are cut first'
        ) AS `reason`
      FROM `t19` AS `t22`
      LEFT SEMI JOIN (
        SELECT
          `t38`.`component`,
          `t38`.`node`
        FROM (
          SELECT
            `t31`.`component`,
            `t31`.`node`,
            `t31`.`lrank`,
            `t31`.`recs`,
            `t35`.`lr`
          FROM `t26` AS `t31`
          INNER JOIN (
            SELECT
              `t29`.`component`,
              MAX(`t29`.`lrank`) AS `lr`
            FROM `t26` AS `t29`
            GROUP BY
              1
          ) AS `t35`
            ON `t31`.`component` = `t35`.`component`
        ) AS `t38`
        WHERE
          `t38`.`lrank` = `t38`.`lr`
      ) AS `t40`
        ON `t22`.`component` = `t40`.`component` AND `t22`.`node` = `t40`.`node`
    ) AS `t41`
  ) AS `t42`
)
SELECT DISTINCT
  `t48`.`record`,
  `t48`.`node`,
  `t48`.`reason`
FROM (
  SELECT
    `t45`.`component`,
    `t45`.`record`,
    `t45`.`node`,
    `t45`.`tier`,
    `t45`.`reason`,
    `t47`.`t`
  FROM `t43` AS `t45`
  INNER JOIN (
    SELECT
      `t44`.`component`,
      MIN(`t44`.`tier`) AS `t`
    FROM `t43` AS `t44`
    GROUP BY
      1
  ) AS `t47`
    ON `t45`.`component` = `t47`.`component`
) AS `t48`
WHERE
  `t48`.`tier` = `t48`.`t`
