SELECT
  *
FROM (
  SELECT
    `t1`.`node`,
    `t4`.`fresh` AS `person_id`
  FROM `temp`.`main`.`_id_labels0` AS `t1`
  INNER JOIN (
    SELECT
      `t2`.`component`,
      CONCAT(
        'p',
        SUBSTRING(
          MD5(`t2`.`component`),
          IF((
            0 + 1
          ) >= 1, 0 + 1, 0 + 1 + LENGTH(MD5(`t2`.`component`))),
          15
        )
      ) AS `fresh`
    FROM (
      SELECT DISTINCT
        `t0`.`component`
      FROM `temp`.`main`.`_id_labels0` AS `t0`
    ) AS `t2`
  ) AS `t4`
    ON `t1`.`component` = `t4`.`component`
) AS `t5`
