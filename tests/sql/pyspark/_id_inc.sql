SELECT
  *
FROM (
  SELECT
    `t4`.`record`,
    CONCAT(CONCAT(`t4`.`kind`, ':'), `t4`.`value`) AS `node`,
    `t4`.`kind`,
    IF(`t5`.`reason` IS NULL, 'linked', 'blocked') AS `status`,
    COALESCE(`t5`.`reason`, 'carried by the record') AS `reason`,
    CAST(NULL AS DOUBLE) AS `score`
  FROM `cxlens`.`main`.`identity_identifiers` AS `t4`
  LEFT OUTER JOIN `cxlens`.`main`.`identity_blocked` AS `t5`
    ON `t4`.`kind` = `t5`.`kind` AND `t4`.`value` = `t5`.`value`
) AS `t6`
UNION ALL
SELECT
  *
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t10`.`rec` AS `record`,
      `t8`.`cnode` AS `node`,
      'fuzzy' AS `kind`,
      'linked' AS `status`,
      `t10`.`why` AS `reason`,
      `t10`.`probability` AS `score`
    FROM (
      SELECT
        `t2`.`record_l`,
        `t2`.`record_r`,
        `t2`.`probability`,
        `t2`.`agreed`,
        CONCAT(CONCAT(CONCAT('fuzzy:', `t2`.`record_l`), '~'), `t2`.`record_r`) AS `rec`,
        CONCAT(
          CONCAT(
            CONCAT(
              CONCAT('fuzzy match ', CAST(CAST(ROUND(`t2`.`probability`, 4) AS DOUBLE) AS STRING)),
              ': '
            ),
            `t2`.`agreed`
          ),
          ' agreed'
        ) AS `why`
      FROM `cxlens`.`main`.`identity_fuzzy` AS `t2`
    ) AS `t10`
    INNER JOIN (
      SELECT
        CONCAT(CONCAT(CONCAT('contacts:', `t3`.`source`), ':'), `t3`.`contact_id`) AS `crec`,
        CONCAT('contact_id:', `t3`.`contact_id`) AS `cnode`
      FROM `contacts` AS `t3`
    ) AS `t8`
      ON `t10`.`record_l` = `t8`.`crec`
  ) AS `t11`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t10`.`rec` AS `record`,
      `t8`.`cnode` AS `node`,
      'fuzzy' AS `kind`,
      'linked' AS `status`,
      `t10`.`why` AS `reason`,
      `t10`.`probability` AS `score`
    FROM (
      SELECT
        `t2`.`record_l`,
        `t2`.`record_r`,
        `t2`.`probability`,
        `t2`.`agreed`,
        CONCAT(CONCAT(CONCAT('fuzzy:', `t2`.`record_l`), '~'), `t2`.`record_r`) AS `rec`,
        CONCAT(
          CONCAT(
            CONCAT(
              CONCAT('fuzzy match ', CAST(CAST(ROUND(`t2`.`probability`, 4) AS DOUBLE) AS STRING)),
              ': '
            ),
            `t2`.`agreed`
          ),
          ' agreed'
        ) AS `why`
      FROM `cxlens`.`main`.`identity_fuzzy` AS `t2`
    ) AS `t10`
    INNER JOIN (
      SELECT
        CONCAT(CONCAT(CONCAT('contacts:', `t3`.`source`), ':'), `t3`.`contact_id`) AS `crec`,
        CONCAT('contact_id:', `t3`.`contact_id`) AS `cnode`
      FROM `contacts` AS `t3`
    ) AS `t8`
      ON `t10`.`record_r` = `t8`.`crec`
  ) AS `t12`
) AS `t13`
