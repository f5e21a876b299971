SELECT
  `t1`.`journey_id`,
  `t1`.`person_id`,
  CAST(`t1`.`start` AS TIMESTAMP) AS `start`,
  CAST(`t1`.`end` AS TIMESTAMP) AS `end`,
  `t1`.`touchpoints`,
  `t1`.`sessions`,
  `t1`.`devices`,
  `t1`.`channels`,
  `t1`.`loops`,
  `t1`.`channel_switches`,
  `t1`.`converted`,
  CAST(`t1`.`converted_at` AS TIMESTAMP) AS `converted_at`,
  `t1`.`value`,
  NULLIF(`t1`.`path`, '') AS `path`,
  `t1`.`first_channel`,
  CAST(CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t1`.`converted_at` AS TIMESTAMP))) AS BIGINT) - CAST(FLOOR(UNIX_TIMESTAMP(CAST(`t1`.`start` AS TIMESTAMP))) AS BIGINT) AS DOUBLE) / 3600.0 AS `hours_to_convert`
FROM (
  SELECT
    `t0`.`journey_id`,
    FIRST(`t0`.`person_id`) IGNORE NULLS AS `person_id`,
    MIN(`t0`.`at`) AS `start`,
    MAX(`t0`.`at`) AS `end`,
    COUNT(*) AS `touchpoints`,
    COUNT(DISTINCT `t0`.`session_id`) AS `sessions`,
    COUNT(DISTINCT `t0`.`device`) AS `devices`,
    COUNT(DISTINCT `t0`.`channel`) AS `channels`,
    COUNT(*) - COUNT(DISTINCT `t0`.`touchpoint`) AS `loops`,
    SUM(CAST(`t0`.`switch` AS BIGINT)) AS `channel_switches`,
    BOOL_OR(`t0`.`is_conversion`) AS `converted`,
    MIN(IF(`t0`.`is_conversion`, `t0`.`at`, NULL)) AS `converted_at`,
    COALESCE(SUM(IF(`t0`.`is_conversion`, `t0`.`value`, NULL)), 0.0) AS `value`,
    IF(
      SIZE(
        TRANSFORM(
          ARRAY_SORT(
            COLLECT_LIST(
              IF(
                `t0`.`channel` IN ('ads', 'social', 'email', 'push', 'referral', 'direct'),
                STRUCT(`t0`.`step` AS `k`, `t0`.`channel` AS `v`),
                NULL
              )
            )
          ),
          __ibis_param_x__ -> __ibis_param_x__.`v`
        )
      ) > 0,
      CONCAT_WS(
        ' > ',
        TRANSFORM(
          ARRAY_SORT(
            COLLECT_LIST(
              IF(
                `t0`.`channel` IN ('ads', 'social', 'email', 'push', 'referral', 'direct'),
                STRUCT(`t0`.`step` AS `k`, `t0`.`channel` AS `v`),
                NULL
              )
            )
          ),
          __ibis_param_x__ -> __ibis_param_x__.`v`
        )
      ),
      NULL
    ) AS `path`,
    MIN_BY(`t0`.`channel`, `t0`.`step`) AS `first_channel`
  FROM `cxlens`.`main`.`touchpoints` AS `t0`
  GROUP BY
    1
) AS `t1`
