//! The operating-system user that CLI actions are audited under when no `--as LOGIN` is given.
//!
//! It is taken from the process's *real* uid, not from `USER`/`LOGNAME`: those are unset under
//! cron, systemd units and some `sudo` setups, and anyone can set them to anything. The uid is
//! what the kernel says (`getuid`, through rustix, which crossterm and clap already build);
//! the owner of `/proc/self` would not do, being the *effective* uid (and root for a process
//! that is not dumpable), and exists on Linux only. The name is the uid's entry in
//! `/etc/passwd`; a uid without one (an LDAP or NSS-only account, a container's arbitrary uid)
//! is named `uid:N`. Under `sudo` the real uid is root's, and the audit log says `os:root`:
//! the log records who the operating system says acted, and `--as LOGIN` names a clerk.

/// The name the audit log gives the user running this process: the passwd name of the real
/// uid, or `uid:N`.
#[cfg(unix)]
pub fn current() -> String {
    let uid = rustix::process::getuid().as_raw();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    name_for(uid, &passwd)
}

/// Outside unix there is no uid to ask for without unsafe code, and the user name in the
/// environment is not evidence of anything: e-Reception's hosts are unix, and elsewhere the
/// audit log says `os:unknown` unless `--as LOGIN` is given.
#[cfg(not(unix))]
pub fn current() -> String {
    "unknown".to_owned()
}

/// The first `/etc/passwd` entry with `uid` (as getpwuid finds it), or `uid:N`.
#[cfg_attr(not(unix), allow(dead_code))]
fn name_for(uid: u32, passwd: &str) -> String {
    passwd
        .lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            let entry_uid: u32 = fields.nth(1)?.trim().parse().ok()?;
            (entry_uid == uid && !name.is_empty()).then(|| name.to_owned())
        })
        .unwrap_or_else(|| format!("uid:{uid}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "\
root:x:0:0:root:/root:/bin/bash
# a comment:x:1000:
:x:1000:1000::/:/bin/false
broken:x:abc:1
orlova:x:1000:1000:Орлова А. И.,,,:/home/orlova:/bin/bash
orlova-alias:x:1000:1000::/home/orlova:/bin/bash
";

    #[test]
    fn the_name_is_the_first_passwd_entry_of_the_uid() {
        assert_eq!(name_for(0, PASSWD), "root");
        assert_eq!(name_for(1000, PASSWD), "orlova");
    }

    #[test]
    fn a_uid_without_an_entry_is_named_by_number() {
        assert_eq!(name_for(4242, PASSWD), "uid:4242");
        assert_eq!(name_for(1000, ""), "uid:1000");
    }
}
