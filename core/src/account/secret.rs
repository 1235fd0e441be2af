//! argon2id hashing of secrets: residents' PINs and clerks' passwords.
//!
//! The policy is argon2id, version 0x13, m = 19 456 KiB, t = 2, p = 1 (OWASP's first
//! recommended setting), written out explicitly rather than taken from the crate's defaults, with
//! a 16-byte random salt and a 32-byte output, stored as a PHC string
//! (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`). Verification reads the parameters from the
//! stored string, so hashes made under an older policy still verify; [`SecretHash::needs_rehash`]
//! tells the caller to store a fresh hash after the next successful sign-in.
//!
//! For an unknown account, [`dummy_verify`] spends the same time as [`verify`] does, so response
//! times do not tell an attacker which account numbers or logins exist.

use std::fmt;
use std::sync::LazyLock;

use argon2::password_hash::{self, PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, PasswordHash, Version};
use rand::RngExt;

/// argon2 memory cost of the policy, in KiB.
pub const M_COST_KIB: u32 = 19_456;
/// argon2 iterations of the policy.
pub const T_COST: u32 = 2;
/// argon2 lanes of the policy.
pub const P_COST: u32 = 1;
/// Salt length in bytes.
const SALT_LEN: usize = 16;
/// Output length in bytes.
const OUTPUT_LEN: usize = 32;

/// Stored hashes asking for more than this are refused as corrupt rather than allowed to make a
/// sign-in allocate gigabytes or run for minutes.
const MAX_M_COST_KIB: u32 = 1024 * 1024;
const MAX_T_COST: u32 = 64;
const MAX_P_COST: u32 = 16;

/// A valid argon2id hash (policy parameters) of 32 random bytes that were thrown away: no secret
/// verifies against it. For demo and test data where an account needs a hash but nobody will
/// sign in.
pub const PRECOMPUTED_FILLER_PHC: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$23WrXB0Q3jJCBOW50vOW0w$fCEPgQfZIMv6Rmi0o3F1lrY7PHDTyExRPGNQO7eKcEA";

/// The PHC string of an argon2id hash. Parsed on construction; its `Debug` shows the algorithm
/// and parameters but not the salt or the hash, which would allow offline guessing.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretHash(String);

impl SecretHash {
    /// Accepts a stored PHC string if it is an argon2id hash with a salt, an output and
    /// parameters within sane limits (not necessarily the current policy: see
    /// [`SecretHash::needs_rehash`]).
    pub fn parse(phc: &str) -> Result<Self, HashError> {
        let parsed = PasswordHash::new(phc).map_err(|e| HashError::Malformed(e.into()))?;
        if parsed.algorithm.as_str() != Algorithm::Argon2id.as_str() {
            return Err(HashError::NotArgon2id);
        }
        if parsed.salt.is_none() || parsed.hash.is_none() {
            return Err(HashError::Malformed(password_hash::Error::EncodingInvalid));
        }
        let params = Params::try_from(&parsed).map_err(HashError::Malformed)?;
        if params.m_cost() > MAX_M_COST_KIB || params.t_cost() > MAX_T_COST || params.p_cost() > MAX_P_COST {
            return Err(HashError::ParamsOutOfRange);
        }
        Ok(Self(phc.to_owned()))
    }

    /// The PHC string, for storage.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the hash was made with weaker settings than the policy (another argon2 version,
    /// less memory, fewer iterations, fewer lanes or a shorter output): store a fresh hash of the
    /// secret after it next verifies.
    pub fn needs_rehash(&self) -> bool {
        let Ok(parsed) = PasswordHash::new(&self.0) else {
            return true;
        };
        let Ok(params) = Params::try_from(&parsed) else {
            return true;
        };
        // A PHC string without `v=` means argon2 version 0x10.
        let version_ok = parsed.version == Some(u32::from(Version::V0x13));
        let output_ok = parsed.hash.is_some_and(|h| h.len() >= OUTPUT_LEN);
        !(version_ok
            && output_ok
            && params.m_cost() >= M_COST_KIB
            && params.t_cost() >= T_COST
            && params.p_cost() >= P_COST)
    }
}

impl fmt::Debug for SecretHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`: keep the first three fields.
        let visible: Vec<&str> = self.0.split('$').take(4).collect();
        write!(f, "SecretHash({}$…)", visible.join("$"))
    }
}

/// Hashing or parsing a hash failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashError {
    #[error("argon2 hashing failed: {0}")]
    Hashing(password_hash::Error),
    #[error("not a valid argon2 PHC string: {0}")]
    Malformed(password_hash::Error),
    #[error("the PHC string is not an argon2id hash")]
    NotArgon2id,
    #[error("the argon2 parameters of the PHC string are beyond sane limits")]
    ParamsOutOfRange,
}

/// The argon2id context with the policy parameters.
fn policy_hasher() -> Result<Argon2<'static>, HashError> {
    let params = Params::new(M_COST_KIB, T_COST, P_COST, Some(OUTPUT_LEN)).map_err(|e| HashError::Hashing(e.into()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `secret` (a PIN's canonical bytes or a clerk's password) under the policy, with a
/// fresh random salt.
pub fn hash_secret(secret: &[u8]) -> Result<SecretHash, HashError> {
    let mut salt = [0u8; SALT_LEN];
    rand::rng().fill(&mut salt[..]);
    let hash = policy_hasher()?.hash_password_with_salt(secret, &salt).map_err(HashError::Hashing)?;
    Ok(SecretHash(hash.to_string()))
}

/// Whether `secret` is what `hash` was made from. The comparison of outputs is constant-time
/// (argon2's); the parameters come from the stored hash.
pub fn verify(hash: &SecretHash, secret: &[u8]) -> bool {
    let Ok(parsed) = PasswordHash::new(&hash.0) else {
        return false;
    };
    Argon2::default().verify_password(secret, &parsed).is_ok()
}

/// A hash of 32 random bytes, made once per process under the policy.
static DUMMY: LazyLock<SecretHash> = LazyLock::new(|| {
    let mut random = [0u8; 32];
    rand::rng().fill(&mut random[..]);
    hash_secret(&random).unwrap_or_else(|_| filler_hash())
});

/// Verifies `secret` against a hash nobody knows the secret of, taking as long as [`verify`]
/// takes for a real account. Call it when the account or login is unknown.
///
/// The dummy hash is made on first use; call [`prepare_dummy`] at start-up so that the first
/// unknown account is not slower than the rest.
pub fn dummy_verify(secret: &[u8]) {
    let matched = verify(&DUMMY, secret);
    std::hint::black_box(matched);
}

/// Computes the dummy hash now rather than on the first [`dummy_verify`].
pub fn prepare_dummy() {
    LazyLock::force(&DUMMY);
}

/// [`PRECOMPUTED_FILLER_PHC`] as a [`SecretHash`]: filler for demo data, costs no hashing.
pub fn filler_hash() -> SecretHash {
    SecretHash(PRECOMPUTED_FILLER_PHC.to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;

    #[test]
    fn verify_accepts_the_secret_and_refuses_others() {
        let hash = hash_secret(b"correct horse").unwrap();
        assert!(verify(&hash, b"correct horse"));
        assert!(!verify(&hash, b"correct hors"));
        assert!(!verify(&hash, b""));
        let again = SecretHash::parse(hash.as_str()).unwrap();
        assert!(verify(&again, b"correct horse"));
    }

    #[test]
    fn hashes_carry_the_policy_parameters_and_a_fresh_salt() {
        let a = hash_secret(b"x").unwrap();
        let b = hash_secret(b"x").unwrap();
        assert_ne!(a.as_str(), b.as_str(), "salted");
        assert!(a.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{}", a.as_str());
        let parsed = PasswordHash::new(a.as_str()).unwrap();
        let params = Params::try_from(&parsed).unwrap();
        assert!(params.m_cost() >= 19_456);
        assert!(params.t_cost() >= 2);
        assert!(params.p_cost() >= 1);
        assert_eq!(parsed.salt.unwrap().len(), SALT_LEN);
        assert_eq!(parsed.hash.unwrap().len(), OUTPUT_LEN);
        assert!(!a.needs_rehash());
    }

    #[test]
    fn weaker_hashes_need_a_rehash_and_still_verify() {
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(4096, 1, 1, None).unwrap())
            .hash_password_with_salt(b"pw", b"saltsaltsalt")
            .unwrap()
            .to_string();
        let weak = SecretHash::parse(&weak).unwrap();
        assert!(weak.needs_rehash());
        assert!(verify(&weak, b"pw"));
        let fewer_passes = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(19_456, 1, 1, None).unwrap())
            .hash_password_with_salt(b"pw", b"saltsaltsalt")
            .unwrap()
            .to_string();
        assert!(SecretHash::parse(&fewer_passes).unwrap().needs_rehash());
        let old_version = Argon2::new(Algorithm::Argon2id, Version::V0x10, Params::new(19_456, 2, 1, None).unwrap())
            .hash_password_with_salt(b"pw", b"saltsaltsalt")
            .unwrap()
            .to_string();
        let old_version = SecretHash::parse(&old_version).unwrap();
        assert!(old_version.needs_rehash(), "{old_version:?}");
        assert!(verify(&old_version, b"pw"));
    }

    #[test]
    fn parse_refuses_other_algorithms_and_garbage() {
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, Params::new(4096, 1, 1, None).unwrap())
            .hash_password_with_salt(b"pw", b"saltsaltsalt")
            .unwrap()
            .to_string();
        assert_eq!(SecretHash::parse(&argon2i), Err(HashError::NotArgon2id));
        assert!(matches!(SecretHash::parse(""), Err(HashError::Malformed(_))));
        assert!(matches!(SecretHash::parse("hunter2"), Err(HashError::Malformed(_))));
        assert!(matches!(SecretHash::parse("$argon2id$v=19$m=19456,t=2,p=1"), Err(HashError::Malformed(_))));
        let huge = "$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$\
                    AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assert_eq!(SecretHash::parse(huge), Err(HashError::ParamsOutOfRange));
    }

    #[test]
    fn debug_hides_salt_and_hash() {
        let hash = hash_secret(b"x").unwrap();
        let debug = format!("{hash:?}");
        assert_eq!(debug, "SecretHash($argon2id$v=19$m=19456,t=2,p=1$…)");
        let salt_and_output: Vec<&str> = hash.as_str().rsplitn(3, '$').take(2).collect();
        for part in salt_and_output {
            assert!(!debug.contains(part));
        }
    }

    #[test]
    fn dummy_verification_runs_and_matches_nothing() {
        prepare_dummy();
        assert!(!verify(&DUMMY, b""));
        assert!(!DUMMY.needs_rehash());
        dummy_verify(b"anything");
    }

    #[test]
    fn filler_is_a_valid_policy_hash_of_an_unknown_secret() {
        let filler = filler_hash();
        assert_eq!(SecretHash::parse(PRECOMPUTED_FILLER_PHC).unwrap(), filler);
        assert!(!filler.needs_rehash());
        assert!(!verify(&filler, b""));
        assert!(!verify(&filler, b"password"));
    }
}
