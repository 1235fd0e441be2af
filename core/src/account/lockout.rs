//! Sign-in lockout: a pure state machine over an account's sign-in counters.
//!
//! # The rules
//!
//! Let m = [`LockoutPolicy::max_failures`], d(k) = min(base·2ᵏ, max) the lockout at level k
//! ([`LockoutPolicy::lockout_duration`]) and Q = [`LockoutPolicy::level_reset_after`].
//!
//! - **Check first.** A PIN is verified only after [`SignInState::check`] said the account is not
//!   locked. A failure reported while locked is not counted (it should not have been verified).
//! - **Failures.** Every m-th failure (counting since the last lockout) locks the account for
//!   d(level) and raises the level by one: 15 min, 30 min, 1 h, 2 h, … up to 24 h with the
//!   defaults, so repeated guessing is slowed more and more.
//! - **Successes forgive nothing.** [`SignInState::record_success`] leaves the failure counter,
//!   the level and the lockout as they are. If a success reset the counter, an attacker could make
//!   m − 1 guesses between any two sign-ins of the owner, and the owner may sign in any number of
//!   times: no bound on guessing would hold. The owner's own typos therefore count until they are
//!   forgotten by the next rule.
//! - **Quiet time forgets.** After Q with no failure, counted from the later of the last failure
//!   and the end of the last lockout, the state returns to fresh (counter 0, level 0). This
//!   depends on time and failures only, never on successes.
//!
//! # The bound on guessing
//!
//! [`LockoutPolicy::max_guesses_per_year`] bounds the PIN verifications an attacker gets for
//! one account in any window of W = 366 days, over every schedule of the attacker's and the
//! owner's actions and every state at the window's start:
//!
//! 1. Only failures move the counters (a success changes nothing), so the owner can only help
//!    by failing, and owner failures are counted below as if they were the attacker's. It is
//!    enough to bound the failures F in the window; the attacker's verifications are at most
//!    F + 1 (the last one may succeed).
//! 2. Split the window at the resets that take effect in it into E ≥ 1 *episodes*. A reset takes
//!    effect only after Q without failures, counted from the later of its episode's last failure
//!    and the end of its last lockout. If that episode has a failure in the window, the whole
//!    quiet period lies in the window; if it has none, it contributes nothing and is dropped, so
//!    the window begins with a fresh episode. Either way E − 1 quiet periods of length Q lie in
//!    the window, disjoint from each other and from the lockouts.
//! 3. In an episode, lockouts come at levels 0, 1, 2, … (or higher, if the window starts in the
//!    middle of an episode, and then longer), each after at most m failures; after the last one
//!    at most m − 1 more failures fit before a reset or the window's end. A lockout starts at the
//!    failure that triggers it and ends before the next failure, so every lockout triggered in the
//!    window lies inside it, except perhaps the very last, which may run past its end.
//! 4. With n_e fully contained lockouts in episode e: F ≤ Σₑ (m·n_e + m − 1) + 1, the + 1 being
//!    a last lockout that runs past the window (its m failures count, its duration does not,
//!    and no m − 1 follow it). Time: Σₑ Σ_{k<n_e} d(k) + (E − 1)·Q ≤ W.
//! 5. For a given E, Σ n_e is largest when the lockouts taken are the cheapest ones of E copies
//!    of the non-decreasing sequence d(0), d(1), …, within the budget W − (E − 1)·Q: taking the
//!    cheapest first takes a prefix of each copy, so it is a feasible schedule, and no choice of
//!    the same size costs less. Call that count N(E).
//! 6. Hence guesses ≤ max over 1 ≤ E ≤ ⌊W/Q⌋ + 1 of m·N(E) + (m − 1)·E + 2.
//!
//! The best attack is therefore a few short lockouts, m − 1 more guesses, a quiet day, and
//! again. With the defaults (5 failures, 15 min doubling to 24 h, reset after 24 h quiet) the
//! bound is about 8 000 guesses a year: with 21⁸ ≈ 3.8·10¹⁰ PINs, a chance of about 2·10⁻⁷ per
//! account per year, below the required one in a million. The tests check the formula against a
//! simulated optimal attacker (which comes within 0.1 % of it) and against random
//! schedules of attacker and owner actions (which never exceed it).

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::pin::PIN_SPACE;
use crate::i18n::{Arg, Lang, tr, tr_args};

/// The window [`LockoutPolicy::max_guesses_per_year`] counts in: a leap year, to be safe.
pub const BOUND_WINDOW: TimeDelta = TimeDelta::days(366);

/// How sign-in failures lock an account. See the module documentation for the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Failures (since the last lockout) that trigger a lockout. Default 5.
    pub max_failures: u32,
    /// The first lockout's length; each further one doubles it. Default 15 minutes.
    pub base_lockout: TimeDelta,
    /// The longest lockout. Default 24 hours.
    pub max_lockout: TimeDelta,
    /// Quiet time after which the counter and the level start afresh. Default 24 hours.
    pub level_reset_after: TimeDelta,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        Self {
            max_failures: 5,
            base_lockout: TimeDelta::minutes(15),
            max_lockout: TimeDelta::hours(24),
            level_reset_after: TimeDelta::hours(24),
        }
    }
}

/// The shortest quiet period a policy may have.
const MIN_RESET_AFTER: TimeDelta = TimeDelta::minutes(1);

/// The allowed chance of guessing a PIN per account per year: one in `GUESS_CHANCE_DENOMINATOR`.
const GUESS_CHANCE_DENOMINATOR: u64 = 1_000_000;

impl LockoutPolicy {
    /// The lockout at `level` (0 for the first): `base_lockout · 2^level`, at most `max_lockout`.
    pub fn lockout_duration(&self, level: u32) -> TimeDelta {
        let base = self.base_lockout.num_milliseconds().max(0);
        let max = self.max_lockout.num_milliseconds().max(0);
        let doubled = if level >= 62 { i64::MAX } else { base.saturating_mul(1i64 << level) };
        TimeDelta::milliseconds(doubled.min(max))
    }

    /// The failures that trigger a lockout, never less than one.
    fn failures_per_lockout(&self) -> u32 {
        self.max_failures.max(1)
    }

    /// The most PIN verifications an attacker can get for one account in any 366 days under this
    /// policy, whatever the owner does (see the module documentation for the derivation).
    /// `u64::MAX` for a policy that [`LockoutPolicy::validate`] refuses for its shape.
    pub fn max_guesses_per_year(&self) -> u64 {
        if self.check_shape().is_err() {
            return u64::MAX;
        }
        let m = u64::from(self.failures_per_lockout());
        // Lengths in milliseconds; all positive after `check_shape`.
        let window = BOUND_WINDOW.num_milliseconds().unsigned_abs();
        let quiet = self.level_reset_after.num_milliseconds().unsigned_abs();
        let cap = self.max_lockout.num_milliseconds().unsigned_abs();
        let mut best = 0u64;
        for episodes in 1..=window / quiet + 1 {
            let budget = window - (episodes - 1) * quiet;
            let lockouts = self.cheapest_lockouts(episodes, budget, cap);
            let guesses = m.saturating_mul(lockouts).saturating_add((m - 1).saturating_mul(episodes)).saturating_add(2);
            best = best.max(guesses);
        }
        best
    }

    /// N(E): how many lockouts of `episodes` copies of the level sequence fit in `budget`
    /// milliseconds, cheapest first.
    fn cheapest_lockouts(&self, episodes: u64, budget: u64, cap: u64) -> u64 {
        let mut left = budget;
        let mut count = 0u64;
        let mut level = 0u32;
        loop {
            let d = self.lockout_duration(level).num_milliseconds().unsigned_abs().max(1);
            if d >= cap {
                // Every later level costs the cap too, in any episode.
                return count + left / d;
            }
            let taken = episodes.min(left / d);
            count += taken;
            left -= taken * d;
            if taken < episodes {
                return count;
            }
            level += 1;
        }
    }

    fn check_shape(&self) -> Result<(), LockoutPolicyError> {
        if self.max_failures == 0 {
            return Err(LockoutPolicyError::ZeroFailures);
        }
        if self.base_lockout <= TimeDelta::zero() {
            return Err(LockoutPolicyError::NonPositiveLockout);
        }
        if self.max_lockout < self.base_lockout {
            return Err(LockoutPolicyError::MaxBelowBase);
        }
        if self.level_reset_after < MIN_RESET_AFTER {
            return Err(LockoutPolicyError::ResetTooSoon);
        }
        Ok(())
    }

    /// Accepts a policy (say, from the configuration) if it is well-formed and keeps the chance
    /// of guessing a PIN below one in a million per account per year.
    pub fn validate(&self) -> Result<(), LockoutPolicyError> {
        self.check_shape()?;
        let guesses = self.max_guesses_per_year();
        if u128::from(guesses) * u128::from(GUESS_CHANCE_DENOMINATOR) >= u128::from(PIN_SPACE) {
            return Err(LockoutPolicyError::TooPermissive { guesses_per_year: guesses });
        }
        Ok(())
    }
}

/// Why a lockout policy is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LockoutPolicyError {
    #[error("max_failures must be at least 1")]
    ZeroFailures,
    #[error("base_lockout must be longer than zero")]
    NonPositiveLockout,
    #[error("max_lockout must not be shorter than base_lockout")]
    MaxBelowBase,
    #[error("level_reset_after must be at least one minute")]
    ResetTooSoon,
    #[error(
        "the policy allows up to {guesses_per_year} PIN guesses per account per year; \
         fewer than one in a million of the PIN space is required"
    )]
    TooPermissive { guesses_per_year: u64 },
}

impl LockoutPolicyError {
    /// What the administrator reads.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::ZeroFailures => tr(lang, "account-policy-zero-failures"),
            Self::NonPositiveLockout => tr(lang, "account-policy-non-positive-lockout"),
            Self::MaxBelowBase => tr(lang, "account-policy-max-below-base"),
            Self::ResetTooSoon => tr(lang, "account-policy-reset-too-soon"),
            Self::TooPermissive { guesses_per_year } => tr_args(
                lang,
                "account-policy-too-permissive",
                &[
                    ("n", Arg::Num(i64::try_from(*guesses_per_year).unwrap_or(i64::MAX))),
                    ("limit", Arg::Num(i64::try_from(PIN_SPACE / GUESS_CHANCE_DENOMINATOR).unwrap_or(i64::MAX))),
                ],
            ),
        }
    }
}

/// An account's sign-in counters, as stored with the account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInState {
    /// Failures since the last lockout or reset.
    pub failed_attempts: u32,
    /// Lockouts since the last reset: the next lockout lasts `base · 2^lockout_level`.
    pub lockout_level: u32,
    /// The end of the last lockout (kept after it ends: the quiet period counts from it).
    pub locked_until: Option<DateTime<Utc>>,
    /// The last failure counted.
    pub last_failure_at: Option<DateTime<Utc>>,
}

/// The account is locked: no PIN may be verified before `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("sign-in is locked until {until}")]
pub struct Locked {
    pub until: DateTime<Utc>,
}

impl Locked {
    /// «Вход заблокирован до 14:35 (мск).», with the date when it is not today in Moscow.
    pub fn message(&self, lang: Lang, now: DateTime<Utc>) -> String {
        let time = super::moscow_hh_mm(self.until);
        if super::moscow(self.until).date_naive() == super::moscow(now).date_naive() {
            tr_args(lang, "account-locked-until", &[("time", time.into())])
        } else {
            let date = super::moscow_date(self.until, lang);
            tr_args(lang, "account-locked-until-date", &[("time", time.into()), ("date", date.into())])
        }
    }
}

/// What a counted failure led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureOutcome {
    /// Not locked yet: this many failures remain before the next lockout.
    AttemptsLeft(u32),
    /// Locked (by this failure, or already) until then.
    LockedUntil(DateTime<Utc>),
}

impl FailureOutcome {
    /// «Осталось 2 попытки.» or «Вход заблокирован до 14:35 (мск).» Show it after the generic
    /// «wrong account number or PIN» message.
    pub fn message(&self, lang: Lang, now: DateTime<Utc>) -> String {
        match self {
            Self::AttemptsLeft(n) => tr_args(lang, "account-attempts-left", &[("n", Arg::from(*n))]),
            Self::LockedUntil(until) => Locked { until: *until }.message(lang, now),
        }
    }
}

/// The generic message after a failed sign-in: the same whether the account number or the PIN
/// was wrong, and whether the account exists.
pub fn sign_in_failed_message(lang: Lang) -> String {
    tr(lang, "account-sign-in-failed")
}

impl SignInState {
    /// `Err` while the account is locked. Call it before verifying a PIN, and verify only on `Ok`.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), Locked> {
        match self.locked_until {
            Some(until) if now < until => Err(Locked { until }),
            _ => Ok(()),
        }
    }

    /// Counts a failed verification at `now` and locks the account on every
    /// `max_failures`-th one. A failure while locked is not counted.
    pub fn record_failure(&mut self, policy: &LockoutPolicy, now: DateTime<Utc>) -> FailureOutcome {
        if let Err(Locked { until }) = self.check(now) {
            return FailureOutcome::LockedUntil(until);
        }
        self.forget_if_quiet(policy, now);
        self.failed_attempts = self.failed_attempts.saturating_add(1);
        self.last_failure_at = Some(now);
        let limit = policy.failures_per_lockout();
        if self.failed_attempts < limit {
            return FailureOutcome::AttemptsLeft(limit - self.failed_attempts);
        }
        let until =
            now.checked_add_signed(policy.lockout_duration(self.lockout_level)).unwrap_or(DateTime::<Utc>::MAX_UTC);
        self.locked_until = Some(until);
        self.lockout_level = self.lockout_level.saturating_add(1);
        self.failed_attempts = 0;
        FailureOutcome::LockedUntil(until)
    }

    /// Notes a successful sign-in at `now`. It deliberately forgives no failure (see the module
    /// documentation); it only applies the quiet-period rule, so the stored state is current.
    pub fn record_success(&mut self, policy: &LockoutPolicy, now: DateTime<Utc>) {
        self.forget_if_quiet(policy, now);
    }

    /// Failures that remain before the next lockout, as of `now` (for a form that shows it
    /// before any attempt). Zero while locked.
    pub fn attempts_left(&self, policy: &LockoutPolicy, now: DateTime<Utc>) -> u32 {
        if self.check(now).is_err() {
            return 0;
        }
        let mut current = *self;
        current.forget_if_quiet(policy, now);
        policy.failures_per_lockout().saturating_sub(current.failed_attempts)
    }

    /// Returns to the fresh state when `level_reset_after` has passed without failures since the
    /// later of the last failure and the end of the last lockout.
    fn forget_if_quiet(&mut self, policy: &LockoutPolicy, now: DateTime<Utc>) {
        let Some(last_failure) = self.last_failure_at else {
            return;
        };
        let quiet_from = match self.locked_until {
            Some(until) if until > last_failure => until,
            _ => last_failure,
        };
        if quiet_from.checked_add_signed(policy.level_reset_after).is_some_and(|forget_at| now >= forget_at) {
            *self = Self::default();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;
    use rand::rngs::StdRng;
    use rand::{RngExt, SeedableRng};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 5, 9, 0, 0).unwrap()
    }

    fn minutes(n: i64) -> TimeDelta {
        TimeDelta::minutes(n)
    }

    /// Fails until locked; returns the lockout's end.
    fn fail_until_locked(state: &mut SignInState, policy: &LockoutPolicy, now: DateTime<Utc>) -> DateTime<Utc> {
        loop {
            match state.record_failure(policy, now) {
                FailureOutcome::AttemptsLeft(_) => {}
                FailureOutcome::LockedUntil(until) => return until,
            }
        }
    }

    #[test]
    fn counts_down_then_locks() {
        let policy = LockoutPolicy::default();
        let mut s = SignInState::default();
        let now = t0();
        for left in (1..=4).rev() {
            assert_eq!(s.check(now), Ok(()));
            assert_eq!(s.record_failure(&policy, now), FailureOutcome::AttemptsLeft(left));
        }
        assert_eq!(s.record_failure(&policy, now), FailureOutcome::LockedUntil(now + minutes(15)));
        assert_eq!(s.check(now + minutes(14)), Err(Locked { until: now + minutes(15) }));
        assert_eq!(s.check(now + minutes(15)), Ok(()));
        assert_eq!(s.attempts_left(&policy, now + minutes(15)), 5);
    }

    #[test]
    fn lockouts_double_up_to_the_cap() {
        let policy = LockoutPolicy::default();
        let mut s = SignInState::default();
        let mut now = t0();
        let expected = [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440];
        for minutes_expected in expected {
            let until = fail_until_locked(&mut s, &policy, now);
            assert_eq!(until - now, minutes(minutes_expected));
            now = until; // the attacker resumes the moment the lockout ends
        }
        assert_eq!(s.lockout_level, 10);
        assert_eq!(policy.lockout_duration(0), minutes(15));
        assert_eq!(policy.lockout_duration(6), minutes(960));
        assert_eq!(policy.lockout_duration(7), TimeDelta::hours(24));
        assert_eq!(policy.lockout_duration(u32::MAX), TimeDelta::hours(24));
    }

    #[test]
    fn failures_while_locked_are_not_counted() {
        let policy = LockoutPolicy::default();
        let mut s = SignInState::default();
        let until = fail_until_locked(&mut s, &policy, t0());
        let before = s;
        assert_eq!(s.record_failure(&policy, t0() + minutes(1)), FailureOutcome::LockedUntil(until));
        assert_eq!(s, before);
        assert_eq!(s.attempts_left(&policy, t0() + minutes(1)), 0);
    }

    #[test]
    fn success_forgives_nothing() {
        let policy = LockoutPolicy::default();
        let mut s = SignInState::default();
        let now = t0();
        for _ in 0..3 {
            s.record_failure(&policy, now);
        }
        s.record_success(&policy, now + minutes(1));
        assert_eq!(s.failed_attempts, 3);
        assert_eq!(s.record_failure(&policy, now + minutes(2)), FailureOutcome::AttemptsLeft(1));
        // and it does not shorten the quiet period after a lockout either
        let until = fail_until_locked(&mut s, &policy, now + minutes(3));
        s.record_success(&policy, until + minutes(1));
        assert_eq!(s.lockout_level, 1);
        assert_eq!(s.locked_until, Some(until));
    }

    #[test]
    fn quiet_time_resets_counter_and_level() {
        let policy = LockoutPolicy::default();
        let mut s = SignInState::default();
        let mut now = t0();
        for _ in 0..3 {
            let until = fail_until_locked(&mut s, &policy, now);
            now = until;
        }
        assert_eq!(s.lockout_level, 3);
        let last_end = s.locked_until.unwrap();
        // 24 h after the end of the last lockout minus a second: still remembered
        s.record_success(&policy, last_end + TimeDelta::hours(24) - TimeDelta::seconds(1));
        assert_eq!(s.lockout_level, 3);
        assert_eq!(
            s.record_failure(&policy, last_end + TimeDelta::hours(24) - TimeDelta::seconds(1)),
            FailureOutcome::AttemptsLeft(4)
        );
        // that failure restarted the quiet period: 24 h after it, everything is forgotten
        let later = last_end + TimeDelta::hours(48);
        assert_eq!(s.attempts_left(&policy, later), 5);
        assert_eq!(s.record_failure(&policy, later), FailureOutcome::AttemptsLeft(4));
        assert_eq!(s.lockout_level, 0);
        let until = fail_until_locked(&mut s, &policy, later);
        assert_eq!(until - later, minutes(15), "back to the first lockout's length");
    }

    #[test]
    fn quiet_time_counts_from_the_end_of_the_lockout() {
        let policy = LockoutPolicy::default();
        let mut s = SignInState { lockout_level: 7, ..SignInState::default() };
        let until = fail_until_locked(&mut s, &policy, t0());
        assert_eq!(until - t0(), TimeDelta::hours(24));
        // 24 h after the failure is the very end of the lockout: not yet quiet for 24 h
        s.record_success(&policy, until);
        assert_eq!(s.lockout_level, 8);
        s.record_success(&policy, until + TimeDelta::hours(24));
        assert_eq!(s, SignInState::default());
    }

    #[test]
    fn default_policy_keeps_guessing_below_one_in_a_million() {
        let policy = LockoutPolicy::default();
        let bound = policy.max_guesses_per_year();
        let chance = bound as f64 / PIN_SPACE as f64;
        assert!(chance < 1e-6, "{bound} guesses a year: chance {chance}");
        // the figure the documentation quotes
        assert!((7_000..9_000).contains(&bound), "{bound}");
        assert_eq!(policy.validate(), Ok(()));
    }

    #[test]
    fn validate_refuses_weak_or_malformed_policies() {
        let ok = LockoutPolicy::default();
        let cases = [
            (LockoutPolicy { max_failures: 0, ..ok }, LockoutPolicyError::ZeroFailures),
            (LockoutPolicy { base_lockout: TimeDelta::zero(), ..ok }, LockoutPolicyError::NonPositiveLockout),
            (LockoutPolicy { max_lockout: minutes(10), ..ok }, LockoutPolicyError::MaxBelowBase),
            (LockoutPolicy { level_reset_after: TimeDelta::seconds(30), ..ok }, LockoutPolicyError::ResetTooSoon),
        ];
        for (policy, error) in cases {
            assert_eq!(policy.validate(), Err(error));
            assert_eq!(policy.max_guesses_per_year(), u64::MAX);
        }
        let permissive = LockoutPolicy {
            max_failures: 10,
            base_lockout: TimeDelta::minutes(1),
            max_lockout: TimeDelta::minutes(1),
            ..ok
        };
        assert!(matches!(permissive.validate(), Err(LockoutPolicyError::TooPermissive { .. })));
        for lang in Lang::ALL {
            assert!(!permissive.validate().unwrap_err().message(lang).starts_with("account-"));
        }
    }

    /// The bound for a policy where it is easy to count by hand: 1 failure per lockout, fixed
    /// 1-day lockouts, reset after 1 day. Each lockout costs a day, a reset costs a day and gives
    /// nothing (m − 1 = 0), so E = 1: N = 366 lockouts, guesses ≤ 366 + 0 + 2.
    #[test]
    fn bound_by_hand() {
        let policy = LockoutPolicy {
            max_failures: 1,
            base_lockout: TimeDelta::days(1),
            max_lockout: TimeDelta::days(1),
            level_reset_after: TimeDelta::days(1),
        };
        assert_eq!(policy.max_guesses_per_year(), 368);
    }

    #[test]
    fn messages_use_plurals_and_moscow_time() {
        let now = t0(); // 12:00 in Moscow
        let left = |n| FailureOutcome::AttemptsLeft(n).message(Lang::Ru, now);
        assert_eq!(left(1), "Осталась 1 попытка.");
        assert_eq!(left(2), "Осталось 2 попытки.");
        assert_eq!(left(4), "Осталось 4 попытки.");
        assert_eq!(left(5), "Осталось 5 попыток.");
        assert_eq!(left(21), "Осталась 21 попытка.");
        assert_eq!(FailureOutcome::AttemptsLeft(1).message(Lang::En, now), "1 attempt left.");
        assert_eq!(FailureOutcome::AttemptsLeft(3).message(Lang::En, now), "3 attempts left.");
        let until = now + TimeDelta::minutes(155); // 14:35 in Moscow
        assert_eq!(FailureOutcome::LockedUntil(until).message(Lang::Ru, now), "Вход заблокирован до 14:35 (мск).");
        assert_eq!(Locked { until }.message(Lang::En, now), "Sign-in is locked until 14:35 (Moscow time).");
        let tomorrow = now + TimeDelta::hours(24);
        assert_eq!(Locked { until: tomorrow }.message(Lang::Ru, now), "Вход заблокирован до 06.03.2026, 12:00 (мск).");
        assert_eq!(
            Locked { until: tomorrow }.message(Lang::En, now),
            "Sign-in is locked until 12:00 (Moscow time) on 2026-03-06."
        );
        assert_eq!(sign_in_failed_message(Lang::Ru), "Неверный номер личного кабинета или ПИН-код.");
    }

    /// Counts verifications in the busiest window of [`BOUND_WINDOW`].
    fn busiest_window(times: &[DateTime<Utc>]) -> u64 {
        let mut best = 0;
        let mut start = 0;
        for end in 0..times.len() {
            while times[end] - times[start] >= BOUND_WINDOW {
                start += 1;
            }
            best = best.max(end - start + 1);
        }
        best as u64
    }

    /// The attack the derivation says is best: `levels` lockouts from level 0, m − 1 more
    /// guesses, a quiet period, and again; every guess is made the moment it is allowed.
    fn optimal_attack(policy: &LockoutPolicy, levels: u32, span: TimeDelta) -> Vec<DateTime<Utc>> {
        let mut s = SignInState::default();
        let mut now = t0();
        let end = t0() + span;
        let mut guesses = Vec::new();
        'outer: loop {
            for _ in 0..levels {
                loop {
                    if now >= end {
                        break 'outer;
                    }
                    guesses.push(now);
                    if let FailureOutcome::LockedUntil(until) = s.record_failure(policy, now) {
                        now = until;
                        break;
                    }
                }
            }
            for _ in 1..policy.max_failures {
                if now >= end {
                    break 'outer;
                }
                guesses.push(now);
                s.record_failure(policy, now);
            }
            now = now.max(s.locked_until.unwrap_or(now)) + policy.level_reset_after;
        }
        guesses
    }

    #[test]
    fn the_optimal_attack_nearly_reaches_the_bound_and_never_passes_it() {
        for policy in [
            LockoutPolicy::default(),
            LockoutPolicy { max_failures: 3, level_reset_after: TimeDelta::hours(12), ..LockoutPolicy::default() },
            LockoutPolicy { max_failures: 10, base_lockout: TimeDelta::hours(1), ..LockoutPolicy::default() },
        ] {
            let bound = policy.max_guesses_per_year();
            let best =
                (0..12).map(|levels| busiest_window(&optimal_attack(&policy, levels, BOUND_WINDOW))).max().unwrap();
            assert!(best <= bound, "{policy:?}: {best} > {bound}");
            assert!(best * 100 >= bound * 99, "{policy:?}: the bound {bound} is loose, attack got {best}");
        }
    }

    /// A random schedule of attacker guesses, owner sign-ins (successful or not) and waits over two
    /// simulated years. Returns the most failed verifications (the attacker's and the owner's) in
    /// any window of 366 days, and the total.
    fn simulate(policy: &LockoutPolicy, seed: u64) -> (u64, u64) {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut s = SignInState::default();
        let mut now = t0();
        let end = t0() + BOUND_WINDOW * 2;
        let quiet = policy.level_reset_after;
        let mut verifications = Vec::new();
        while now < end {
            match rng.random_range(0..100u32) {
                // attacker: guess, waiting out a lockout first if there is one
                0..=54 => {
                    if let Err(Locked { until }) = s.check(now) {
                        now = until;
                    }
                    verifications.push(now);
                    let outcome = s.record_failure(policy, now);
                    assert!(!matches!(outcome, FailureOutcome::LockedUntil(u) if u <= now));
                }
                // owner signs in successfully (not a guess: the bound is on failures + 1)
                55..=69 => {
                    if s.check(now).is_ok() {
                        s.record_success(policy, now);
                    }
                }
                // owner mistypes
                70..=74 => {
                    if s.check(now).is_ok() {
                        verifications.push(now);
                        s.record_failure(policy, now);
                    }
                }
                // wait exactly until the state is forgotten, or a hair less
                75..=86 => {
                    let from = s.locked_until.max(s.last_failure_at).unwrap_or(now).max(now);
                    let shave = TimeDelta::seconds(rng.random_range(0..2));
                    now = (from + quiet - shave).max(now);
                }
                // wait a random while
                _ => {
                    let ms = rng.random_range(0..quiet.num_milliseconds() * 2);
                    now += TimeDelta::milliseconds(ms);
                }
            }
        }
        (busiest_window(&verifications), verifications.len() as u64)
    }

    #[test]
    fn random_schedules_with_the_default_policy_stay_within_the_bound() {
        let policy = LockoutPolicy::default();
        let bound = policy.max_guesses_per_year();
        for seed in 0..8 {
            let (busiest, total) = simulate(&policy, seed);
            assert!(busiest <= bound, "seed {seed}: {busiest} > {bound}");
            assert!(total > 1000, "the schedule did some guessing: {total}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn random_schedules_never_exceed_the_bound(
            seed in any::<u64>(),
            max_failures in 1u32..8,
            base_min in 1i64..90,
            cap_factor in 1i64..200,
            reset_hours in 1i64..72,
        ) {
            let policy = LockoutPolicy {
                max_failures,
                base_lockout: TimeDelta::minutes(base_min),
                max_lockout: TimeDelta::minutes(base_min * cap_factor),
                level_reset_after: TimeDelta::hours(reset_hours),
            };
            let bound = policy.max_guesses_per_year();
            let (busiest, _) = simulate(&policy, seed);
            prop_assert!(busiest <= bound, "{:?}: {} > {}", policy, busiest, bound);
        }
    }
}
