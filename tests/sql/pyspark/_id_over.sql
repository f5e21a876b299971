SELECT
  `t6`.`component`,
  `t6`.`nkind`,
  `t6`.`n`,
  `t6`.`cap`,
  `t6`.`krank`
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t4`.`component`,
      `t4`.`nkind`,
      `t4`.`n`,
      `t4`.`cap`,
      `t4`.`krank`,
      ROW_NUMBER() OVER (PARTITION BY `t4`.`component` ORDER BY `t4`.`krank` ASC NULLS LAST) - 1 AS `first`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t2`.`component`,
          `t2`.`nkind`,
          `t2`.`n`,
          CASE `t2`.`nkind`
            WHEN 'user_id'
            THEN 1
            WHEN 'loyalty_id'
            THEN 5
            WHEN 'contact_id'
            THEN 5
            WHEN 'email'
            THEN 5
            WHEN 'phone'
            THEN 5
            WHEN 'handle'
            THEN 5
            WHEN 'anonymous_id'
            THEN 50
            ELSE 5
          END AS `cap`,
          CASE `t2`.`nkind`
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
          END AS `krank`
        FROM (
          SELECT
            `t1`.`component`,
            `t1`.`nkind`,
            COUNT(*) AS `n`
          FROM (
            SELECT
              `t0`.`node`,
              `t0`.`component`,
              REGEXP_EXTRACT(`t0`.`node`, '^([^:]+):') AS `nkind`
            FROM `temp`.`main`.`_id_cc_labels` AS `t0`
          ) AS `t1`
          GROUP BY
            1,
            2
        ) AS `t2`
      ) AS `t3`
      WHERE
        `t3`.`n` > `t3`.`cap`
    ) AS `t4`
  ) AS `t5`
  WHERE
    `t5`.`first` = 0
) AS `t6`
;

SELECT
  `t6`.`component`,
  `t6`.`nkind`,
  `t6`.`n`,
  `t6`.`cap`,
  `t6`.`krank`
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t4`.`component`,
      `t4`.`nkind`,
      `t4`.`n`,
      `t4`.`cap`,
      `t4`.`krank`,
      ROW_NUMBER() OVER (PARTITION BY `t4`.`component` ORDER BY `t4`.`krank` ASC NULLS LAST) - 1 AS `first`
    FROM (
      SELECT
        *
      FROM (
        SELECT
          `t2`.`component`,
          `t2`.`nkind`,
          `t2`.`n`,
          CASE `t2`.`nkind`
            WHEN 'user_id'
            THEN 1
            WHEN 'loyalty_id'
            THEN 5
            WHEN 'contact_id'
            THEN 5
            WHEN 'email'
            THEN 5
            WHEN 'phone'
            THEN 5
            WHEN 'handle'
            THEN 5
            WHEN 'anonymous_id'
            THEN 50
            ELSE 5
          END AS `cap`,
          CASE `t2`.`nkind`
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
          END AS `krank`
        FROM (
          SELECT
            `t1`.`component`,
            `t1`.`nkind`,
            COUNT(*) AS `n`
          FROM (
            SELECT
              `t0`.`node`,
              `t0`.`component`,
              REGEXP_EXTRACT(`t0`.`node`, '^([^:]+):') AS `nkind`
            FROM `temp`.`main`.`_id_labels0` AS `t0`
          ) AS `t1`
          GROUP BY
            1,
            2
        ) AS `t2`
      ) AS `t3`
      WHERE
        `t3`.`n` > `t3`.`cap`
    ) AS `t4`
  ) AS `t5`
  WHERE
    `t5`.`first` = 0
) AS `t6`
