use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "penyaluran_penerima")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub penyaluran_id: String,
    pub ppks_id: String,
    pub amount: i64,
    pub reason: String,
    pub types: String,
    pub status: String,
    pub entry_id: Option<String>,
    pub handover_date: Option<Date>,
    pub received_by: Option<String>,
    pub relation: Option<String>,
    pub photo_ref: Option<String>,
    pub disbursed_at: Option<DateTimeUtc>,
    pub paid_asnaf: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
