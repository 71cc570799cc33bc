use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "buku_kas")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub wksbm_id: String,
    pub fund_id: String,
    pub date: Date,
    pub direction: String,
    pub amount: i64,
    pub balance_after: i64,
    pub method: Option<String>,
    pub category: Option<String>,
    pub usaha_id: Option<String>,
    pub donor_id: Option<String>,
    pub description: String,
    pub receipt_year: i32,
    pub receipt_seq: i64,
    pub receipt_no: String,
    pub reverses_id: Option<String>,
    pub pair_id: Option<String>,
    pub penyaluran_id: Option<String>,
    pub ppks_id: Option<String>,
    pub jimpitan_id: Option<String>,
    pub proposal_id: Option<String>,
    pub price_per_kg: Option<i64>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
