SELECT
  `t0`.`person_id`,
  `t0`.`age`,
  `t0`.`female`,
  `t0`.`orders`,
  `t0`.`basket`,
  `t0`.`coupon_rate`,
  `t0`.`minutes_in_store`,
  `t0`.`weekend`,
  `t0`.`hours_early`,
  `t0`.`hours_late_morning`,
  `t0`.`hours_afternoon`,
  `t0`.`hours_evening`,
  `t0`.`hours_night`,
  `t0`.`channel_store`,
  `t0`.`channel_web`,
  `t0`.`channel_app`,
  `t0`.`channel_call_centre`,
  `t0`.`items_per_order`,
  `t0`.`private_label`,
  `t0`.`eco`,
  `t0`.`clearance`,
  `t0`.`return_rate`,
  `t0`.`children`,
  `t0`.`category_home`,
  `t0`.`category_fashion`,
  `t0`.`category_beauty`,
  `t0`.`category_grocery`,
  `t0`.`category_garden`,
  `t0`.`category_eco_cleaning`,
  `t0`.`category_kids`,
  `t0`.`category_books`,
  `t0`.`category_health`,
  `t0`.`category_electronics`,
  `t0`.`category_tees`,
  `t0`.`category_video_games`,
  `t0`.`category_jeans`,
  `t0`.`category_camping`,
  `t0`.`category_sports`,
  `t0`.`category_sweats`,
  `t0`.`events`,
  `t0`.`mobile`,
  `t0`.`social_visits`,
  `t0`.`social_instagram`,
  `t0`.`social_tiktok`,
  `t0`.`social_facebook`,
  `t0`.`nps`,
  `t0`.`csat`,
  `t0`.`stage`,
  `t0`.`clv`,
  `t0`.`p_alive`,
  `t0`.`frequency`,
  `t0`.`monetary`,
  `t0`.`r_score`,
  `t0`.`f_score`,
  `t0`.`m_score`,
  (
    COALESCE(LN(GREATEST(`t0`.`age`, 0) + 1), 3.6435355) - 3.6435355
  ) / 0.38310281 AS `_z0`,
  (
    COALESCE(`t0`.`female`, 0.53456221) - 0.53456221
  ) / 0.49880402 AS `_z1`,
  (
    COALESCE(LN(GREATEST(`t0`.`basket`, 0) + 1), 4.1121724) - 4.1121724
  ) / 0.62662655 AS `_z2`,
  (
    COALESCE(`t0`.`coupon_rate`, 0.36833595) - 0.36833595
  ) / 0.39199513 AS `_z3`,
  (
    COALESCE(`t0`.`minutes_in_store`, 29.20902) - 29.20902
  ) / 10.344543 AS `_z4`,
  (
    COALESCE(`t0`.`weekend`, 0.29090971) - 0.29090971
  ) / 0.30670824 AS `_z5`,
  (
    COALESCE(`t0`.`hours_early`, 0.0959405) - 0.0959405
  ) / 0.21304227 AS `_z6`,
  (
    COALESCE(`t0`.`hours_late_morning`, 0.36953573) - 0.36953573
  ) / 0.40224645 AS `_z7`,
  (
    COALESCE(`t0`.`hours_afternoon`, 0.14992046) - 0.14992046
  ) / 0.25495736 AS `_z8`,
  (
    COALESCE(`t0`.`hours_evening`, 0.30574608) - 0.30574608
  ) / 0.35996738 AS `_z9`,
  (
    COALESCE(`t0`.`hours_night`, 0.078857226) - 0.078857226
  ) / 0.22137151 AS `_z10`,
  (
    COALESCE(`t0`.`channel_store`, 0.51659899) - 0.51659899
  ) / 0.41457492 AS `_z11`,
  (
    COALESCE(`t0`.`channel_web`, 0.18552015) - 0.18552015
  ) / 0.29181854 AS `_z12`,
  (
    COALESCE(`t0`.`channel_app`, 0.1942025) - 0.1942025
  ) / 0.32715262 AS `_z13`,
  (
    COALESCE(`t0`.`channel_call_centre`, 0.10367837) - 0.10367837
  ) / 0.25576291 AS `_z14`,
  (
    COALESCE(LN(GREATEST(`t0`.`items_per_order`, 0) + 1), 1.4198121) - 1.4198121
  ) / 0.28832141 AS `_z15`,
  (
    COALESCE(`t0`.`private_label`, 0.20670123) - 0.20670123
  ) / 0.21528333 AS `_z16`,
  (
    COALESCE(`t0`.`eco`, 0.21530404) - 0.21530404
  ) / 0.26865354 AS `_z17`,
  (
    COALESCE(`t0`.`clearance`, 0.19619831) - 0.19619831
  ) / 0.24475285 AS `_z18`,
  (
    COALESCE(`t0`.`return_rate`, 0.041248585) - 0.041248585
  ) / 0.086126952 AS `_z19`,
  (
    COALESCE(`t0`.`children`, 0.25063291) - 0.25063291
  ) / 0.4333775 AS `_z20`,
  (
    COALESCE(`t0`.`category_home`, 0.099977548) - 0.099977548
  ) / 0.14121905 AS `_z21`,
  (
    COALESCE(`t0`.`category_fashion`, 0.10921173) - 0.10921173
  ) / 0.17545249 AS `_z22`,
  (
    COALESCE(`t0`.`category_beauty`, 0.079918483) - 0.079918483
  ) / 0.15908631 AS `_z23`,
  (
    COALESCE(`t0`.`category_grocery`, 0.071624428) - 0.071624428
  ) / 0.14394468 AS `_z24`,
  (
    COALESCE(`t0`.`category_garden`, 0.062625958) - 0.062625958
  ) / 0.13231098 AS `_z25`,
  (
    COALESCE(`t0`.`category_eco_cleaning`, 0.056751213) - 0.056751213
  ) / 0.13203743 AS `_z26`,
  (
    COALESCE(`t0`.`category_kids`, 0.058334839) - 0.058334839
  ) / 0.12996606 AS `_z27`,
  (
    COALESCE(`t0`.`category_books`, 0.049903893) - 0.049903893
  ) / 0.10652166 AS `_z28`,
  (
    COALESCE(`t0`.`category_health`, 0.071166758) - 0.071166758
  ) / 0.15402821 AS `_z29`,
  (
    COALESCE(`t0`.`category_electronics`, 0.056813271) - 0.056813271
  ) / 0.13320628 AS `_z30`,
  (
    COALESCE(`t0`.`category_tees`, 0.068442924) - 0.068442924
  ) / 0.15074875 AS `_z31`,
  (
    COALESCE(`t0`.`category_video_games`, 0.077192728) - 0.077192728
  ) / 0.16374563 AS `_z32`,
  (
    COALESCE(`t0`.`category_jeans`, 0.050547285) - 0.050547285
  ) / 0.13520452 AS `_z33`,
  (
    COALESCE(`t0`.`category_camping`, 0.032808342) - 0.032808342
  ) / 0.10155812 AS `_z34`,
  (
    COALESCE(`t0`.`category_sports`, 0.029038969) - 0.029038969
  ) / 0.084385601 AS `_z35`,
  (
    COALESCE(`t0`.`category_sweats`, 0.025641631) - 0.025641631
  ) / 0.078473683 AS `_z36`,
  (
    COALESCE(`t0`.`mobile`, 0.61825116) - 0.61825116
  ) / 0.36404733 AS `_z37`,
  (
    COALESCE(`t0`.`social_instagram`, 0.52897909) - 0.52897909
  ) / 0.34350599 AS `_z38`,
  (
    COALESCE(`t0`.`social_tiktok`, 0.24207816) - 0.24207816
  ) / 0.32565215 AS `_z39`,
  (
    COALESCE(`t0`.`social_facebook`, 0.22894275) - 0.22894275
  ) / 0.32309036 AS `_z40`
FROM `cxlens`.`main`.`persona_features` AS `t0`
