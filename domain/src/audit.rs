//! What the audit log records: who did what to which resource, where, and which fields
//! changed. Persistence appends entries to a hash chain.

use crate::access::{Actor, Role};
use crate::wilayah::KodeWilayah;
use std::borrow::Cow;
use uuid::Uuid;

/// An entry to append. `actor` is `None` for the system (bootstrap, failed logins of
/// unknown accounts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor_id: Option<Uuid>,
    pub actor_role: String,
    pub actor_scope: String,
    pub action: Cow<'static, str>,
    pub resource_type: Cow<'static, str>,
    pub resource_id: Option<String>,
    /// The region the resource belongs to: what the audit view is filtered by.
    pub territory: KodeWilayah,
    pub request_id: String,
    pub changed_fields: Vec<String>,
}

impl AuditEntry {
    pub fn by(
        actor: &Actor,
        action: &'static str,
        resource_type: &'static str,
        territory: KodeWilayah,
    ) -> AuditEntry {
        AuditEntry {
            actor_id: Some(actor.user_id),
            actor_role: actor.role.as_str().to_owned(),
            actor_scope: actor.territory.claim(),
            action: Cow::Borrowed(action),
            resource_type: Cow::Borrowed(resource_type),
            resource_id: None,
            territory,
            request_id: String::new(),
            changed_fields: Vec::new(),
        }
    }

    pub fn system(
        action: &'static str,
        resource_type: &'static str,
        territory: KodeWilayah,
    ) -> AuditEntry {
        AuditEntry {
            actor_id: None,
            actor_role: "system".to_owned(),
            actor_scope: territory.to_string(),
            action: Cow::Borrowed(action),
            resource_type: Cow::Borrowed(resource_type),
            resource_id: None,
            territory,
            request_id: String::new(),
            changed_fields: Vec::new(),
        }
    }

    /// An entry in an account's own name (login, password change).
    pub fn own(
        user_id: Uuid,
        role: Role,
        scope: String,
        action: &'static str,
        territory: KodeWilayah,
    ) -> AuditEntry {
        AuditEntry {
            actor_id: Some(user_id),
            actor_role: role.as_str().to_owned(),
            actor_scope: scope,
            action: Cow::Borrowed(action),
            resource_type: Cow::Borrowed("user"),
            resource_id: Some(user_id.to_string()),
            territory,
            request_id: String::new(),
            changed_fields: Vec::new(),
        }
    }

    pub fn resource(mut self, id: impl ToString) -> AuditEntry {
        self.resource_id = Some(id.to_string());
        self
    }

    pub fn request(mut self, request_id: &str) -> AuditEntry {
        request_id.clone_into(&mut self.request_id);
        self
    }

    pub fn fields(mut self, fields: &[&str]) -> AuditEntry {
        self.changed_fields = fields.iter().map(|f| (*f).to_owned()).collect();
        self
    }
}

/// A stored entry with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub seq: i64,
    pub id: Uuid,
    pub at: String,
    pub entry: AuditEntry,
    pub prev_hash: String,
    pub hash: String,
}

/// The bytes a record's hash covers: every field, in a fixed order, unambiguously
/// separated, ending with the previous record's hash.
pub fn chain_input(seq: i64, id: &Uuid, at: &str, e: &AuditEntry, prev_hash: &str) -> String {
    let seq = seq.to_string();
    format!(
        "{}{}{}",
        field(&seq),
        chain_middle(id, at, e),
        field(prev_hash)
    )
}

/// The part of [`chain_input`] between the sequence number and the previous hash: what
/// is known before the head is locked (PostgreSQL hashes the rest in the statement that
/// moves the head).
pub fn chain_middle(id: &Uuid, at: &str, e: &AuditEntry) -> String {
    [
        id.to_string(),
        at.to_owned(),
        e.actor_id.map(|a| a.to_string()).unwrap_or_default(),
        e.actor_role.clone(),
        e.actor_scope.clone(),
        e.action.to_string(),
        e.resource_type.to_string(),
        e.resource_id.clone().unwrap_or_default(),
        e.territory.to_string(),
        e.request_id.clone(),
        e.changed_fields.join(","),
    ]
    .iter()
    .map(|f| field(f))
    .collect()
}

/// Length-prefixed (in bytes), so that no choice of field contents can collide with
/// another.
fn field(f: &str) -> String {
    format!("{}:{f};", f.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_input_is_the_sequence_the_middle_and_the_previous_hash() {
        // PostgreSQL rebuilds this in SQL around `chain_middle`: the framing is fixed.
        let k = KodeWilayah::parse("34.02").unwrap();
        let a = AuditEntry::system("x", "user", k);
        let middle = chain_middle(&Uuid::nil(), "t", &a);
        assert!(middle.starts_with("36:00000000-0000-0000-0000-000000000000;1:t;"));
        assert_eq!(
            chain_input(12, &Uuid::nil(), "t", &a, "ab"),
            format!("2:12;{middle}2:ab;")
        );
    }

    #[test]
    fn every_field_and_the_previous_hash_change_the_input() {
        let k = KodeWilayah::parse("34.02").unwrap();
        let id = Uuid::nil();
        let a = AuditEntry::system("x", "user", k).fields(&["name"]);
        let base = chain_input(1, &id, "t", &a, "0");
        let variants = [
            chain_input(2, &id, "t", &a, "0"),
            chain_input(1, &Uuid::max(), "t", &a, "0"),
            chain_input(1, &id, "u", &a, "0"),
            chain_input(
                1,
                &id,
                "t",
                &AuditEntry {
                    action: "y".into(),
                    ..a.clone()
                },
                "0",
            ),
            chain_input(1, &id, "t", &a.clone().fields(&["role"]), "0"),
            chain_input(1, &id, "t", &a.clone().request("r"), "0"),
            chain_input(1, &id, "t", &a, "1"),
        ];
        for v in variants {
            assert_ne!(v, base);
        }
        // Framing by length: moving a character between fields changes the input.
        let b = AuditEntry {
            actor_role: "sys".into(),
            actor_scope: format!("tem{}", a.actor_scope),
            ..a.clone()
        };
        assert_ne!(chain_input(1, &id, "t", &b, "0"), base);
    }
}
