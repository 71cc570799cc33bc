use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ppks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub padukuhan_id: String,
    pub kalurahan_code: String,
    pub wksbm_id: Option<String>,
    pub key_id: Option<String>,
    pub private_enc: Option<Vec<u8>>,
    pub nik_hash: Option<String>,
    pub kk_hash: Option<String>,
    pub name: String,
    pub name_key: String,
    pub birth_place: Option<String>,
    pub birth_date: Option<Date>,
    pub sex: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub address: Option<String>,
    pub types_index: String,
    pub asnaf: Option<String>,
    pub lawful_basis: String,
    pub consent_proof: Option<String>,
    pub consent_by: Option<String>,
    pub consent_name: Option<String>,
    pub verified: bool,
    pub verified_by: Option<String>,
    pub verified_role: Option<String>,
    pub verified_at: Option<DateTimeUtc>,
    pub active: bool,
    #[sea_orm(column_name = "inactive_reason")]
    pub status_reason: Option<String>,
    #[sea_orm(column_name = "inactive_date")]
    pub status_date: Option<Date>,
    #[sea_orm(column_name = "inactive_note")]
    pub status_note: Option<String>,
    pub anonymised_at: Option<DateTimeUtc>,
    pub version: i64,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
