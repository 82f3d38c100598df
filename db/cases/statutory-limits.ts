/**
 * Time limits of 《信访工作条例》(2022), in calendar days (日), counted from the day
 * after the starting event (see db/calendar/work-calendar.ts). Local policies
 * may only shorten the staff limits, never the petitioner's windows.
 */

/** 登记后转送、交办（或告知信访人向有权机关提出）的期限。 */
export const ROUTE_DAYS = 15;
/** 有权处理的机关收到后决定是否受理并书面告知的期限。 */
export const ACCEPT_DAYS = 15;
/** 自受理之日起办结的期限。 */
export const HANDLE_DAYS = 60;
/** 经本机关负责人批准可延长的最长期限（一次）。 */
export const MAX_EXTENSION_DAYS = 30;
/** 自收到处理意见之日起请求复查的期限。 */
export const REVIEW_REQUEST_DAYS = 30;
/** 自收到复查请求之日起提出复查意见的期限。 */
export const REVIEW_ANSWER_DAYS = 30;
/** 自收到复查意见之日起请求复核的期限。 */
export const REREVIEW_REQUEST_DAYS = 30;
/** 自收到复核请求之日起提出复核意见的期限（听证时间不计入）。 */
export const REREVIEW_ANSWER_DAYS = 30;
