//! The accounts behind tokens, held briefly so that checking "still active, same token
//! version" does not cost a database query per request. Writes through this process
//! forget the account at once; other processes see a change within the TTL.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};
use uuid::Uuid;
use wksbm_domain::account::User;

const CAPACITY: usize = 50_000;

pub struct UsersCache {
    ttl: Duration,
    entries: RwLock<HashMap<Uuid, (User, Instant)>>,
}

impl UsersCache {
    pub fn new(ttl: Duration) -> Self {
        UsersCache {
            ttl,
            entries: RwLock::new(HashMap::new()),
        }
    }

    pub fn get(&self, id: Uuid) -> Option<User> {
        let map = self.entries.read().ok()?;
        let (u, at) = map.get(&id)?;
        (at.elapsed() < self.ttl).then(|| u.clone())
    }

    pub fn put(&self, user: User) {
        if let Ok(mut map) = self.entries.write() {
            if map.len() >= CAPACITY {
                let ttl = self.ttl;
                map.retain(|_, (_, at)| at.elapsed() < ttl);
            }
            map.insert(user.id, (user, Instant::now()));
        }
    }

    pub fn forget(&self, id: Uuid) {
        if let Ok(mut map) = self.entries.write() {
            map.remove(&id);
        }
    }
}
