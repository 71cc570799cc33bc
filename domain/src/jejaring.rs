//! The registers of resources around a WKSBM (books 9–11): PSKS (the 12 types of social
//! welfare potential), donors, and partner organisations (jejaring kerja / mitra). One
//! shape serves all three; each register uses the fields that belong to it.

use chrono::NaiveDate;
use uuid::Uuid;

crate::str_enum! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Register {
        Psks = "psks",
        Donatur = "donatur",
        Mitra = "mitra",
    }
}

/// One PSKS, donor or partner. `kind` is the PSKS type code (`PSKS-01`…), the donor
/// kind or the partner kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    pub id: Uuid,
    pub register: Register,
    pub wksbm_id: Uuid,
    pub padukuhan_id: Uuid,
    pub kalurahan: crate::wilayah::KodeWilayah,
    pub kind: String,
    pub name: String,
    /// PSKS: `perorangan` or `lembaga`.
    pub form: Option<String>,
    /// PSKS: inside the WKSBM's area or not.
    pub within_area: Option<bool>,
    pub contact_person: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    /// PSKS and mitra: what they offer (used for referrals).
    pub services: Vec<String>,
    /// PSKS: people it can serve at once.
    pub capacity: Option<i64>,
    pub mou_number: Option<String>,
    pub mou_start: Option<NaiveDate>,
    pub mou_end: Option<NaiveDate>,
    pub notes: Option<String>,
    pub active: bool,
    pub status_reason: Option<String>,
    pub version: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl Partner {
    pub fn territory(&self) -> crate::access::Territory {
        crate::access::Territory::Padukuhan {
            kalurahan: self.kalurahan.clone(),
            id: self.padukuhan_id,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PartnerError {
    #[error("the MoU ends before it starts")]
    MouDates,
    #[error("MoU dates need the MoU number")]
    MouNumberMissing,
    #[error("a service is listed twice")]
    ServiceRepeated,
}

impl PartnerError {
    pub fn code(self) -> &'static str {
        match self {
            PartnerError::MouDates => "mou_dates",
            PartnerError::MouNumberMissing => "mou_number_missing",
            PartnerError::ServiceRepeated => "service_repeated",
        }
    }
    pub fn field(self) -> &'static str {
        match self {
            PartnerError::MouDates => "mou_end",
            PartnerError::MouNumberMissing => "mou_number",
            PartnerError::ServiceRepeated => "services",
        }
    }
}

/// The rules a schema cannot state.
pub fn check(p: &Partner) -> Result<(), PartnerError> {
    if let (Some(s), Some(e)) = (p.mou_start, p.mou_end)
        && e < s
    {
        return Err(PartnerError::MouDates);
    }
    if (p.mou_start.is_some() || p.mou_end.is_some()) && p.mou_number.is_none() {
        return Err(PartnerError::MouNumberMissing);
    }
    let mut seen = std::collections::HashSet::new();
    if !p
        .services
        .iter()
        .all(|s| seen.insert(crate::text::search_key(s)))
    {
        return Err(PartnerError::ServiceRepeated);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mitra() -> Partner {
        Partner {
            id: Uuid::now_v7(),
            register: Register::Mitra,
            wksbm_id: Uuid::now_v7(),
            padukuhan_id: Uuid::now_v7(),
            kalurahan: crate::wilayah::KodeWilayah::parse("34.02.01.2001").unwrap(),
            kind: "puskesmas".into(),
            name: "Puskesmas Srandakan".into(),
            form: None,
            within_area: None,
            contact_person: None,
            phone: None,
            email: None,
            address: None,
            services: vec!["Posyandu lansia".into(), "Imunisasi".into()],
            capacity: None,
            mou_number: Some("01/MoU/2026".into()),
            mou_start: NaiveDate::from_ymd_opt(2026, 1, 1),
            mou_end: NaiveDate::from_ymd_opt(2027, 1, 1),
            notes: None,
            active: true,
            status_reason: None,
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn mou_dates_in_order_with_a_number_and_services_once() {
        assert_eq!(check(&mitra()), Ok(()));
        let mut m = mitra();
        m.mou_end = NaiveDate::from_ymd_opt(2025, 12, 31);
        assert_eq!(check(&m), Err(PartnerError::MouDates));
        let mut m = mitra();
        m.mou_number = None;
        assert_eq!(check(&m), Err(PartnerError::MouNumberMissing));
        let mut m = mitra();
        m.services.push("IMUNISASI".into());
        assert_eq!(check(&m), Err(PartnerError::ServiceRepeated));
        assert_eq!(Register::parse("donatur"), Some(Register::Donatur));
    }
}
