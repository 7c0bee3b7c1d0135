<?xml version="1.0" encoding="UTF-8"?>
<tileset version="1.10" tiledversion="1.10.2" name="tiny" tilewidth="32" tileheight="32" tilecount="4" columns="4">
 <image source="tiles/tiny.png" width="128" height="32"/>
 <tile id="1">
  <properties>
   <property name="solid" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="2">
  <properties>
   <property name="water" type="bool" value="true"/>
  </properties>
 </tile>
 <tile id="3">
  <properties>
   <property name="slow" type="float" value="0.5"/>
  </properties>
 </tile>
</tileset>
