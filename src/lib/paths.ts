// Every URL the board links to is built here, so routes and links cannot drift apart.
// What a board's search box can search; the labels are in src/modules/posts/posts.rules.ts.
export const SEARCH_FIELD_NAMES = ["title_content", "title", "content", "author"] as const;
export type SearchField = (typeof SEARCH_FIELD_NAMES)[number];

export interface ListQuery {
  page?: number;
  sort?: BoardSort;
  field?: SearchField;
  q?: string;
}

function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

export type BoardSort = "popular" | "views" | "ups";

export const paths = {
  home: () => "/",
  /** The 종목 search (q) or the directory (group: ㄱ, A, 0-9 …). */
  boards: (query: { q?: string; group?: string; page?: number } = {}) =>
    withQuery("/boards", { q: query.q, group: query.q ? undefined : query.group, page: query.page && query.page > 1 ? query.page : undefined }),
  boardSuggestions: () => "/boards/suggest",
  board: (code: string, query: ListQuery = {}) =>
    withQuery(`/boards/${code}`, {
      ...(query.q ? { field: query.field ?? "title_content", q: query.q } : {}),
      sort: query.q ? undefined : query.sort,
      page: query.page && query.page > 1 ? query.page : undefined,
    }),
  post: (code: string, number: number) => `/boards/${code}/posts/${number}`,
  /** The live streams of a board's first list page and of a post page (server-sent events). */
  boardLive: (code: string) => `/boards/${code}/live`,
  postLive: (code: string, number: number) => `/boards/${code}/posts/${number}/live`,
  boardFeed: (code: string) => `/boards/${code}/feed.atom`,
  postFeed: (code: string, number: number) => `/boards/${code}/posts/${number}/feed.atom`,
  boardSitemap: (code: string, part: number) => `/sitemaps/${code}/${part}.xml`,
  newPost: (code: string) => `/boards/${code}/write`,
  createPost: (code: string) => `/boards/${code}/posts`,
  editPost: (code: string, number: number) => `/boards/${code}/posts/${number}/edit`,
  deletePost: (code: string, number: number) => `/boards/${code}/posts/${number}/delete`,
  comments: (code: string, number: number) => `/boards/${code}/posts/${number}/comments`,
  /** A comment wherever it is: answered with its page of the post (`commentAt`). */
  commentAnchor: (code: string, number: number, commentId: number) => `/boards/${code}/posts/${number}/comments/${commentId}`,
  /** A comment on its page of the post (등록순). */
  commentAt: (code: string, number: number, page: number, commentId: number) =>
    `${withQuery(`/boards/${code}/posts/${number}`, { cpage: page > 1 ? page : undefined })}#comment-${commentId}`,
  /** A page of a post's comments in an order (등록순 page 1 is the post's own address). */
  commentPage: (code: string, number: number, query: { sort?: string; page?: number }) =>
    `${withQuery(`/boards/${code}/posts/${number}`, { csort: query.sort && query.sort !== "old" ? query.sort : undefined, cpage: query.page && query.page > 1 ? query.page : undefined })}#comments`,
  /** 더보기: the comments after a cursor, as JSON holding their HTML. */
  moreComments: (code: string, number: number, sort: string, after: string) => withQuery(`/boards/${code}/posts/${number}/comments`, { sort, after }),
  /** 공감/비공감 of a comment of the post: `vote=<commentId>.up` or `.down`. */
  commentVotes: (code: string, number: number) => `/boards/${code}/posts/${number}/comment-votes`,
  deleteComment: (code: string, number: number, commentId: number) =>
    `/boards/${code}/posts/${number}/comments/${commentId}/delete`,
  vote: (code: string, number: number) => `/boards/${code}/posts/${number}/vote`,
  opinion: (code: string, number: number) => `/boards/${code}/posts/${number}/opinion`,
  withdrawOpinion: (code: string, number: number) => `/boards/${code}/posts/${number}/opinion/withdraw`,
  disclosures: (code: string, page?: number) => withQuery(`/boards/${code}/disclosures`, { page: page && page > 1 ? page : undefined }),
  jury: (code: string, page?: number) =>
    withQuery(`/boards/${code}/jury`, { page: page && page > 1 ? page : undefined }),
  reportPost: (code: string, number: number) => `/boards/${code}/posts/${number}/report`,
  reportComment: (code: string, number: number, commentId: number) => `/boards/${code}/posts/${number}/comments/${commentId}/report`,
  moderationLog: (page?: number) => withQuery("/moderation", { page: page && page > 1 ? page : undefined }),
  adminReports: (page?: number) => withQuery("/admin/reports", { page: page && page > 1 ? page : undefined }),
  adminAction: (kind: "post" | "comment", id: number, action: "dismiss" | "hide" | "suspend") => `/admin/reports/${kind}/${id}/${action}`,
  adminRestore: (kind: "post" | "comment", id: number) => `/admin/${kind}s/${id}/restore`,
  adminHeld: (kind: "post" | "comment", id: number, decision: "approve" | "remove") => `/admin/held/${kind}/${id}/${decision}`,
  adminCleanbot: () => "/admin/cleanbot",
  adminCleanbotRules: () => "/admin/cleanbot/rules",
  adminCleanbotRemove: (id: number) => `/admin/cleanbot/rules/${id}/remove`,
  adminHide: (kind: "post" | "comment", id: number) => `/admin/${kind}s/${id}/hide`,
  adminSuspendAuthor: (kind: "post" | "comment", id: number) => `/admin/${kind}s/${id}/suspend-author`,
  adminSuspensions: () => "/admin/suspensions",
  adminLift: (userId: number) => `/admin/users/${userId}/lift`,
  adminIntegrity: () => "/admin/integrity",
  adminCase: (id: number) => `/admin/integrity/${id}`,
  adminCaseAction: (id: number, action: "confirm" | "dismiss") => `/admin/integrity/${id}/${action}`,
  notifications: (page?: number) => withQuery("/notifications", { page: page && page > 1 ? page : undefined }),
  notification: (id: number) => `/notifications/${id}`,
  readAllNotifications: () => "/notifications/read-all",
  // Without a query (every nickname link on a page) it is a plain string: no URLSearchParams.
  profile: (userId: number, tab?: "comments", before?: number) =>
    tab || before ? withQuery(`/users/${userId}`, { tab, before }) : `/users/${userId}`,
  reply: (code: string, number: number, commentId: number) => `/boards/${code}/posts/${number}/comments/${commentId}/reply`,
  appeal: (code: string, number: number) => `/boards/${code}/posts/${number}/appeal`,
  appealVote: (code: string, number: number) => `/boards/${code}/posts/${number}/appeal/vote`,
  /** `required`: the page asked for needs signing in (the sign-in page says so). */
  signIn: (returnTo?: string, required = false) => withQuery("/login", { returnTo, required: required ? "1" : undefined }),
  signUp: () => "/signup",
  signOut: () => "/logout",
  accountSecurity: () => "/account/security",
  verifyEmail: (token: string) => `/account/email/verify/${token}`,
  findId: () => "/account/find-id",
  forgotPassword: () => "/account/forgot-password",
  resetPassword: (token: string) => `/account/reset-password/${token}`,
  signInCode: () => "/login/code",
  twoStep: () => "/account/two-step",
  withdraw: () => "/account/withdraw",
  myData: () => "/account/my-data.json",
  terms: () => "/terms",
  privacy: () => "/privacy",
  myFollows: () => "/me/follows",
  follow: (code: string) => `/boards/${code}/follow`,
  unfollow: (code: string) => `/boards/${code}/unfollow`,
  moveFollow: (code: string) => `/me/follows/${code}/move`,
  blocks: () => "/account/blocks",
  block: (userId: number) => `/users/${userId}/block`,
  unblock: (userId: number) => `/users/${userId}/unblock`,
  cleanbotSetting: () => "/account/cleanbot",
  changePassword: () => "/account/password",
  signOutOthers: () => "/account/sessions/others",
};
