// Raw SQL results come back with driver types: integers may be BigInt (SQLite; PostgreSQL's
// COUNT) and dates may be text (SQLite). Each raw query declares its row with these types and
// maps it once with the functions below; rows of a table's own columns take their types from
// the schema (RowOf).
import type * as Models from "../generated/prisma/client.ts";

export type SqlInt = number | bigint;
export type SqlDate = Date | string;

export const num = (v: SqlInt): number => (typeof v === "bigint" ? Number(v) : v);
export const date = (v: SqlDate): Date => (v instanceof Date ? v : new Date(v));
export const dateOrNull = (v: SqlDate | null | undefined): Date | null => (v === null || v === undefined ? null : date(v));


/** The tables as the schema defines them (the generated model types). */
interface Tables {
  User: Models.User;
  Board: Models.Board;
  Quote: Models.Quote;
  Disclosure: Models.Disclosure;
  MarketAlert: Models.MarketAlert;
  StanceDay: Models.StanceDay;
  Post: Models.Post;
  Comment: Models.Comment;
  Vote: Models.Vote;
  CommentVote: Models.CommentVote;
  Follow: Models.Follow;
  Block: Models.Block;
  PostView: Models.PostView;
  JuryPanel: Models.JuryPanel;
  JuryMember: Models.JuryMember;
  JuryOpinion: Models.JuryOpinion;
  BlindLog: Models.BlindLog;
  LoginEvent: Models.LoginEvent;
  Session: Models.Session;
  Report: Models.Report;
  ModerationLog: Models.ModerationLog;
  PostFingerprint: Models.PostFingerprint;
  PostFingerprintBand: Models.PostFingerprintBand;
  Notification: Models.Notification;
  Appeal: Models.Appeal;
  AppealVote: Models.AppealVote;
  ClientSignal: Models.ClientSignal;
  IntegrityCase: Models.IntegrityCase;
  IntegrityCaseMember: Models.IntegrityCaseMember;
  CleanbotRule: Models.CleanbotRule;
  CleanbotEvent: Models.CleanbotEvent;
  TwoStep: Models.TwoStep;
  RecoveryCode: Models.RecoveryCode;
  AccountToken: Models.AccountToken;
  NicknameHold: Models.NicknameHold;
  RetiredLoginId: Models.RetiredLoginId;
}

/** A column's value as a raw query returns it (a number may be a BigInt, a date text). */
type RawValue<V> = V extends number ? SqlInt : V extends Date ? SqlDate : V;
type RawColumns<T> = { [K in keyof T]: RawValue<Exclude<T[K], null>> | (null extends T[K] ? null : never) };

/**
 * The row a raw query returns when it selects `columns` of `table` by their own names: the types
 * come from the schema, so a renamed or retyped column fails to compile where it is read.
 */
export type RowOf<Table extends keyof Tables, Columns extends keyof Tables[Table]> = Pick<RawColumns<Tables[Table]>, Columns>;
