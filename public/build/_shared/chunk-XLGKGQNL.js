import{b as e}from"/build/_shared/chunk-T36URGAI.js";var r=e((t,o)=>{o.exports={}});var s=e((x,p)=>{p.exports={}});export{r as a,s as b};
