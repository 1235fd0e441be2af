//! Per-address throttling in this process (each server counts its own): of sign-in attempts,
//! beside the per-account lockout in the database, which holds across servers; and of
//! questions, which make the server mail a confirmation link, beside the per-recipient cap in
//! the database.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A token bucket per client address: `burst` attempts at once, then a steady rate.
#[derive(Debug)]
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Addresses remembered before full buckets are forgotten.
const PRUNE_AT: usize = 10_000;

impl RateLimiter {
    /// `burst` at once, then `per_minute`.
    pub fn new(per_minute: u32, burst: u32) -> Self {
        RateLimiter {
            per_second: f64::from(per_minute.max(1)) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// `burst` at once, then `per_hour`.
    pub fn per_hour(per_hour: u32, burst: u32) -> Self {
        RateLimiter {
            per_second: f64::from(per_hour.max(1)) / 3600.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// IPv6 clients are counted by their /64, which one household or host usually has whole;
    /// an IPv4 client reached over IPv6 (`::ffff:a.b.c.d`) by its IPv4 address.
    fn key(ip: IpAddr) -> IpAddr {
        match ip.to_canonical() {
            v4 @ IpAddr::V4(_) => v4,
            IpAddr::V6(v6) => {
                let mut seg = v6.segments();
                seg[4..].fill(0);
                IpAddr::V6(seg.into())
            }
        }
    }

    /// Takes one attempt for `ip` at `now`, or says how long to wait.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let per_second = self.per_second;
        let mut buckets = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= PRUNE_AT {
            let burst = self.burst;
            buckets
                .retain(|_, b| b.tokens + now.saturating_duration_since(b.updated).as_secs_f64() * per_second < burst);
        }
        let bucket = buckets.entry(Self::key(ip)).or_insert(Bucket { tokens: self.burst, updated: now });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(self.burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(((1.0 - bucket.tokens) / per_second).max(1.0)).min(Duration::from_secs(3600)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let limiter = RateLimiter::new(6, 3);
        let ip: IpAddr = "203.0.113.7".parse().expect("ip");
        let other: IpAddr = "203.0.113.8".parse().expect("ip");
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(ip, t0), Ok(()));
        }
        let wait = limiter.check(ip, t0).expect_err("burst used up");
        assert_eq!(wait, Duration::from_secs(10), "6 a minute: one every 10 s");
        assert_eq!(limiter.check(other, t0), Ok(()), "another address has its own bucket");
        assert!(limiter.check(ip, t0 + Duration::from_secs(5)).is_err());
        assert_eq!(limiter.check(ip, t0 + Duration::from_secs(10)), Ok(()));
        assert!(limiter.check(ip, t0 + Duration::from_secs(11)).is_err());
        // a long pause refills up to the burst, no more
        let later = t0 + Duration::from_secs(3600);
        for _ in 0..3 {
            assert_eq!(limiter.check(ip, later), Ok(()));
        }
        assert!(limiter.check(ip, later).is_err());
    }

    #[test]
    fn an_hourly_rate_refills_slowly() {
        let limiter = RateLimiter::per_hour(10, 2);
        let ip: IpAddr = "203.0.113.7".parse().expect("ip");
        let t0 = Instant::now();
        assert_eq!(limiter.check(ip, t0), Ok(()));
        assert_eq!(limiter.check(ip, t0), Ok(()));
        assert_eq!(limiter.check(ip, t0), Err(Duration::from_secs(360)), "10 an hour: one every 6 minutes");
        assert!(limiter.check(ip, t0 + Duration::from_secs(300)).is_err());
        assert_eq!(limiter.check(ip, t0 + Duration::from_secs(360)), Ok(()));
    }

    #[test]
    fn ipv6_is_counted_by_its_64() {
        let limiter = RateLimiter::new(1, 1);
        let t0 = Instant::now();
        let a: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2::ffff".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(limiter.check(a, t0), Ok(()));
        assert!(limiter.check(b, t0).is_err(), "same /64");
        assert_eq!(limiter.check(c, t0), Ok(()), "another /64");
        // IPv4 clients of a dual-stack listener are IPv4 clients, each on its own
        let v4a: IpAddr = "::ffff:203.0.113.7".parse().expect("ip");
        let v4b: IpAddr = "::ffff:203.0.113.8".parse().expect("ip");
        assert_eq!(limiter.check(v4a, t0), Ok(()));
        assert_eq!(limiter.check(v4b, t0), Ok(()), "not one /64");
        assert!(limiter.check("203.0.113.7".parse().expect("ip"), t0).is_err(), "the same client as IPv4");
    }
}
