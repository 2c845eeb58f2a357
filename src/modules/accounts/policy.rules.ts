// 약관 and 개인정보 처리방침: the version in force. A member who agreed to an older one sees a
// notice on every page until they read and accept the new one (views/accounts/policy-notice).
// Change POLICY_VERSION (and the pages in views/accounts/) whenever either text changes.
export const POLICY_VERSION = "2026-12-03";
export const POLICY_EFFECTIVE = "2026년 12월 3일";

/** Whether a member who agreed to `agreed` must be told of the version in force. */
export function needsPolicyNotice(agreed: string | null | undefined): boolean {
  return agreed !== POLICY_VERSION;
}
