SELECT
  `t10`.`person_id`,
  CAST(`t10`.`ordered_at` AS DATE) AS `day`,
  SUM(`t10`.`total` * `t10`.`kept`) AS `value`,
  COUNT(*) AS `orders`
FROM (
  SELECT
    `t9`.`order_id`,
    `t9`.`contact_id`,
    `t9`.`user_id`,
    `t9`.`email`,
    `t9`.`loyalty_id`,
    `t9`.`ordered_at`,
    `t9`.`channel`,
    `t9`.`store_id`,
    `t9`.`total`,
    `t9`.`discount`,
    `t9`.`coupon_code`,
    `t9`.`minutes_in_store`,
    `t9`.`source`,
    `t9`.`record`,
    `t9`.`person_id`,
    `t9`.`gross`,
    `t9`.`back`,
    COALESCE(IF(`t9`.`gross` > 0, 1 - (
      COALESCE(`t9`.`back`, 0) / `t9`.`gross`
    ), 1.0), 1.0) AS `kept`
  FROM (
    SELECT
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
      `t8`.`source`,
      `t8`.`record`,
      `t8`.`person_id`,
      `t8`.`gross`,
      `t8`.`back`
    FROM (
      SELECT
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
        `t5`.`source`,
        `t5`.`record`,
        `t3`.`person_id`,
        `t7`.`order_id` AS `order_id_right`,
        `t7`.`gross`,
        `t7`.`back`
      FROM (
        SELECT
          `t0`.`order_id`,
          `t0`.`contact_id`,
          `t0`.`user_id`,
          `t0`.`email`,
          `t0`.`loyalty_id`,
          `t0`.`ordered_at`,
          `t0`.`channel`,
          `t0`.`store_id`,
          `t0`.`total`,
          `t0`.`discount`,
          `t0`.`coupon_code`,
          `t0`.`minutes_in_store`,
          `t0`.`source`,
          CONCAT('orders:', `t0`.`order_id`) AS `record`
        FROM `orders` AS `t0`
      ) AS `t5`
      INNER JOIN `identity_records` AS `t3`
        ON `t5`.`record` = `t3`.`record`
      LEFT OUTER JOIN (
        SELECT
          `t2`.`order_id`,
          SUM(CAST(`t2`.`quantity` AS DOUBLE) * `t2`.`unit_price`) AS `gross`,
          SUM(IF(`t2`.`returned`, CAST(`t2`.`quantity` AS DOUBLE) * `t2`.`unit_price`, NULL)) AS `back`
        FROM `order_items` AS `t2`
        GROUP BY
          1
      ) AS `t7`
        ON `t5`.`order_id` = `t7`.`order_id`
    ) AS `t8`
  ) AS `t9`
  WHERE
    COALESCE(IF(`t9`.`gross` > 0, 1 - (
      COALESCE(`t9`.`back`, 0) / `t9`.`gross`
    ), 1.0), 1.0) > 1e-09
) AS `t10`
GROUP BY
  1,
  2
